"""The kinds of page (front matter `kind:`): one list, read by the schema, the booking boxes,
the review block and the structured data."""

# Pages about health: they need a clinician's review dates and carry the booking boxes.
MEDICAL_KINDS = ("article", "mechanism", "treatment", "faq")
KINDS = MEDICAL_KINDS + ("home", "contact", "about", "legal", "search")
