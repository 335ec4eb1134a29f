"""Story: the article, the timeline and the briefings told from the data.

The annotated article view, the timeline chart and table, the briefings (TOML steps:
view, layers, filters, highlights; loaded and checked like the data) and their export
as one offline HTML file or PNG images. A story may draw a map (``lib.maps``); maps
never depend on a story.
"""
