"""Analysis: figures computed from the data, none typed in.

The border analysis (``border``: length by source and detail, segments by governorate
and province, positions along the line, the border zone, how far each group was
moved), the disputed district a point falls in, event grid cells, the article's
checkable claims checked against the data, and the name search across spellings.
Geodesic primitives live one floor down, in ``lib.geo``.
"""
