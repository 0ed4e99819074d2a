// Every visible piece of reading text on the page whose computed size is under `minimum` pixels
// (16 on a phone; 11pt, 14.67px, on paper), and the smallest size found. Not reading text: superscript note numbers, the ¶ links that appear on
// hover, visually hidden labels, drawings (their text is also given as a table), the search
// dialog and tooltips that are not open.
(minimum) => {
  const small = [];
  let smallest = Infinity;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    if (!node.textContent.trim() || seen.has(el)) continue;
    seen.add(el);
    if (el.closest("sup, sub, script, style, noscript, svg, .headerlink, [hidden], .clinic-visually-hidden, .md-search, .md-tooltip, .md-tooltip2")) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || !el.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    smallest = Math.min(smallest, size);
    if (size < minimum - 0.01) small.push(`${size}px <${el.tagName.toLowerCase()} class="${el.className}"> ${node.textContent.trim().slice(0, 40)}`);
  }
  return {small, smallest};
}
