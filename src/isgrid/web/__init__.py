"""Web pages: the self-assessment app and the séance dashboard."""
