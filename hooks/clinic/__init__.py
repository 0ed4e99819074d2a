"""Pure functions behind the site's MkDocs hooks.

Nothing in this package imports MkDocs: text and data go in, text comes out, so tests call the
functions directly and the logic would move unchanged to another generator.
"""
