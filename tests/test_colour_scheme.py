"""The colour scheme and the page's start (partials/javascripts/colour-scheme.html, the scripts
block of main.html): the scheme follows the reader's device until the reader picks one with the header's
button, and that pick holds on every page after; the header's button works by pointer and by
keyboard; a page does not move while it loads; and on a touch screen a reference number opens
the reference list, with no tooltip set up that nothing could show."""

from __future__ import annotations

import http.server
import io
import threading
import time
from functools import partial
from pathlib import Path

import pytest
from site_server import _Handler as _StaticHost

from test_browser import ARTICLE, PHONE

pytestmark = pytest.mark.browser

STATE = """() => ({
    scheme: document.body.getAttribute("data-md-color-scheme"),
    shown: [...document.querySelectorAll("form.md-header__option label")].filter(l => !l.hidden).length,
    metas: [...document.querySelectorAll("meta[name=color-scheme]")].map(m => m.content),
    background: getComputedStyle(document.body).backgroundColor,
})"""
SCHEME_IS = "scheme => document.body.getAttribute('data-md-color-scheme') === scheme"  # a function: the CSP forbids eval
SCHEMES = {"light": "default", "dark": "slate"}
OTHER = {"light": "dark", "dark": "light"}


def _state(page) -> dict:
    return page.evaluate(STATE)


@pytest.mark.parametrize("device", ["light", "dark"])
def test_the_scheme_follows_the_device_until_the_reader_picks_one(browser, base_url, device):
    context = browser.new_context(viewport=PHONE, color_scheme=device, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(base_url + ARTICLE)
    first = _state(page)
    assert first["scheme"] == SCHEMES[device], first
    assert first["shown"] == 1, "exactly one sun/moon button is shown"
    # One colour-scheme tag, that matches: Material's own script would add a second one.
    assert first["metas"] == [device], first

    page.emulate_media(color_scheme=OTHER[device])  # the reader's phone turns dark at sunset
    page.wait_for_function(SCHEME_IS, arg=SCHEMES[OTHER[device]])
    page.emulate_media(color_scheme=device)
    page.wait_for_function(SCHEME_IS, arg=SCHEMES[device])

    page.locator("form.md-header__option label:not([hidden])").click()
    picked = _state(page)
    assert picked["scheme"] == SCHEMES[OTHER[device]] and picked["background"] != first["background"], picked
    assert picked["metas"] == [OTHER[device]], picked

    page.goto(base_url + "insurance/")
    assert _state(page)["scheme"] == SCHEMES[OTHER[device]], "the reader's pick is forgotten on the next page"
    page.emulate_media(color_scheme=OTHER[device])
    page.emulate_media(color_scheme=device)
    page.wait_for_timeout(200)
    assert _state(page)["scheme"] == SCHEMES[OTHER[device]], "the device's setting overrode the reader's pick"
    context.close()


class _PausingPageHost(_StaticHost):
    """Sends each page up to a point, waits, then sends the rest: what a slow network does, made
    certain. The browser may draw what it has while it waits. `cut` is where the page is cut;
    `plain` also takes out the page's request not to be drawn before its header is read, as a
    browser that does not know it (Safari, Firefox) would ignore it."""

    cut = b"<header"
    plain = False

    def send_head(self):
        path = Path(self.translate_path(self.path))
        page = path / "index.html" if path.is_dir() else path
        if page.suffix != ".html" or not page.is_file():
            return super().send_head()
        html = page.read_bytes()
        if self.plain:
            html = html.replace(b'<link rel="expect"', b'<link rel="x-ignored"')
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(html)))
        self.end_headers()
        cut = html.index(self.cut)
        self.wfile.write(html[:cut])
        self.wfile.flush()
        time.sleep(0.8)
        return io.BytesIO(html[cut:])


def _pausing_host(site, **settings):
    handler = type("Host", (_PausingPageHost,), settings)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


FIRST_FRAME = """requestAnimationFrame(function frame() {
    if (document.body && document.body.firstElementChild)
        window.__firstFrame = {scheme: document.body.getAttribute("data-md-color-scheme"),
                               search: !!document.querySelector(".md-header .clinic-header-search")};
    else
        requestAnimationFrame(frame);
});"""


@pytest.fixture(scope="module")
def slow_base_url(site):
    server, url = _pausing_host(site, plain=True)
    yield url
    server.shutdown()


@pytest.mark.parametrize("device", ["light", "dark"])
def test_the_scheme_is_set_before_the_page_is_first_drawn(browser, slow_base_url, device):
    # A dark phone must never draw a white frame, in any browser: in the first frame that has
    # anything of the page's body, the body already has the device's scheme.
    context = browser.new_context(viewport=PHONE, color_scheme=device, is_mobile=True, has_touch=True)
    context.add_init_script(FIRST_FRAME)
    page = context.new_page()
    page.goto(slow_base_url + ARTICLE)
    assert page.evaluate("window.__firstFrame.scheme") == SCHEMES[device]
    context.close()


def test_the_page_is_not_drawn_before_its_whole_header_is_read(browser, site):
    # A header drawn half-read moved when the rest came (a layout shift in Lighthouse).
    server, url = _pausing_host(site, cut=b"clinic-header-actions")
    context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True, has_touch=True)
    context.add_init_script(FIRST_FRAME)
    page = context.new_page()
    page.goto(url + ARTICLE)
    assert page.evaluate("window.__firstFrame.search"), "the page was drawn with half its header"
    context.close()
    server.shutdown()


def test_picking_the_devices_own_scheme_again_goes_back_to_following_the_device(browser, base_url):
    context = browser.new_context(viewport=PHONE, color_scheme="light")
    page = context.new_page()
    page.goto(base_url + ARTICLE)
    button = page.locator("form.md-header__option label:not([hidden])")
    button.click()  # dark
    assert _state(page)["scheme"] == "slate"
    page.locator("form.md-header__option label:not([hidden])").click()  # light again, as the device
    page.goto(base_url + "insurance/")
    page.emulate_media(color_scheme="dark")
    page.wait_for_function(SCHEME_IS, arg="slate")
    context.close()


def test_a_scheme_saved_by_materials_own_switch_is_not_taken_as_a_pick(browser, base_url):
    # Material's palette saved the device's scheme on a first visit, unasked.
    context = browser.new_context(viewport=PHONE, color_scheme="dark")
    context.add_init_script("""localStorage.setItem('/.__palette', JSON.stringify({index: 0, color: {
        media: '(prefers-color-scheme: light)', scheme: 'default', primary: 'custom', accent: 'custom'}}))""")
    page = context.new_page()
    page.goto(base_url + ARTICLE)
    assert _state(page)["scheme"] == "slate"
    context.close()


def test_the_scheme_button_works_from_the_keyboard(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme="light")
    page = context.new_page()
    page.goto(base_url)
    page.focus("input[name=__palette]:checked")
    page.keyboard.press("Enter")
    assert _state(page)["scheme"] == "slate"
    page.keyboard.press("Enter")
    assert _state(page)["scheme"] == "default"
    assert page.evaluate("document.activeElement.name") == "__palette", "focus left the switch"
    context.close()


def test_without_javascript_the_page_keeps_the_first_scheme_and_hides_the_button(browser, base_url):
    context = browser.new_context(viewport=PHONE, color_scheme="dark", java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + ARTICLE)
    assert page.locator("form.md-header__option label:not([hidden])").count() == 0
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
    context.close()


LAYOUT_SHIFTS = """window.__shifts = [];
new PerformanceObserver(list => { for (const entry of list.getEntries()) window.__shifts.push([entry.value, Math.round(entry.startTime), entry.sources.map(s => (s.node && s.node.nodeType === 1 ? s.node.className : String(s.node && s.node.nodeName)) + " " + s.previousRect.x + "," + s.previousRect.y + " " + s.previousRect.width + "x" + s.previousRect.height + " -> " + s.currentRect.x + "," + s.currentRect.y + " " + s.currentRect.width + "x" + s.currentRect.height)]); })
    .observe({type: "layout-shift", buffered: true});"""


@pytest.mark.parametrize("path", ["", ARTICLE, "insurance/", "book/", "es/"])
@pytest.mark.parametrize("device", ["light", "dark"])
def test_nothing_moves_while_a_page_loads_on_a_phone(browser, base_url, path, device):
    # Lighthouse's phone (412 px): a first paint that came before the header's scheme button was
    # shown re-wrapped the clinic's name when the button appeared (a shift of 0.005).
    context = browser.new_context(viewport={"width": 412, "height": 823}, device_scale_factor=1.75,
                                  color_scheme=device, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.add_init_script(LAYOUT_SHIFTS)
    page.goto(base_url + path, wait_until="load")
    page.wait_for_timeout(500)
    shifts = page.evaluate("window.__shifts")
    assert shifts == [], f"the page moved while loading: layout shifts (size, when, what moved) {shifts}"
    context.close()


def test_on_a_touch_screen_a_reference_number_opens_the_reference_list(browser, base_url):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(base_url + ARTICLE)
    assert page.evaluate("JSON.parse(document.getElementById('__config').textContent).features"
                         ".includes('content.footnote.tooltips')") is False
    ref = page.locator("a.footnote-ref").first
    target = ref.get_attribute("href")
    ref.scroll_into_view_if_needed()
    ref.tap()
    page.wait_for_function("hash => location.hash === hash", arg=target)
    assert page.locator(f"li[id='{target.lstrip('#')}']").is_visible()
    assert page.locator(".md-tooltip2").count() == 0, "a tooltip was built on a screen that cannot hover"
    context.close()


@pytest.mark.parametrize("stored", ["not JSON", '{"index": 1}', '"default "', "null", '"length"', '["default"]'])
def test_a_broken_saved_choice_falls_back_to_the_device(browser, base_url, stored):
    # What another script on the same host or a hand edit may leave in local storage under the
    # key of the reader's pick.
    context = browser.new_context(viewport=PHONE, color_scheme="dark")
    context.add_init_script(f"localStorage.setItem('/.__colour_scheme', {stored!r})")
    page = context.new_page()
    page.goto(base_url + ARTICLE)
    state = _state(page)
    assert state["scheme"] == "slate" and state["shown"] == 1, state
    page.locator("form.md-header__option label:not([hidden])").click()
    assert _state(page)["scheme"] == "default", "the switch no longer works"
    context.close()


def test_with_local_storage_refused_the_page_follows_the_device_and_switches(browser, base_url):
    context = browser.new_context(viewport=PHONE, color_scheme="dark")
    context.add_init_script("Object.defineProperty(window, 'localStorage', "
                            "{get() { throw new DOMException('denied', 'SecurityError'); }})")
    page = context.new_page()
    page.goto(base_url + ARTICLE)
    assert _state(page)["scheme"] == "slate"
    page.locator("form.md-header__option label:not([hidden])").click()
    assert _state(page)["scheme"] == "default"
    context.close()


def test_the_button_still_works_after_going_back(browser, base_url):
    # The browser used to put back the radio button that was on during the first visit, so the
    # button pointed at the scheme already shown and did nothing, however often it was pressed.
    context = browser.new_context(viewport=PHONE, color_scheme="light")
    page = context.new_page()
    button = page.locator("form.md-header__option label:not([hidden])")
    page.goto(base_url + ARTICLE)
    button.click()  # dark, kept
    page.goto(base_url + "insurance/")
    button.click()  # light again, the device's own: the device is followed again
    page.go_back()
    page.wait_for_function(SCHEME_IS, arg="default")
    button.click()
    assert _state(page)["scheme"] == "slate", "the button did nothing after Back"
    context.close()


def test_a_pick_in_another_tab_reaches_this_one(browser, base_url):
    context = browser.new_context(viewport=PHONE, color_scheme="light")
    first, second = context.new_page(), context.new_page()
    first.goto(base_url + ARTICLE)
    second.goto(base_url + "insurance/")
    second.locator("form.md-header__option label:not([hidden])").click()
    first.wait_for_function(SCHEME_IS, arg="slate")
    context.close()
