"""Analysis: figures computed from the data, none typed in.

Geodesic lengths, distances and areas (``geodesy``), the border analysis (length by
source and detail, segments by governorate and province, the border zone, how far
each group was moved), the article's checkable claims checked against the data, and
the name search across spellings.
"""
