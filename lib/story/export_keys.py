"""Step keys: arrow keys and presenter clickers move between the steps of a briefing.

The presenter view's script is ``static/keyboard.js`` (:func:`keyboard_script`);
the HTML export inlines ``static/export_keys.js`` (:func:`export_keys_script`).
"""

from __future__ import annotations

from markupsafe import Markup

from lib.story.markup import render, static_text


def keyboard_script(prev_key: str = "zb_prev", next_key: str = "zb_next") -> str:
    """A script for a same-origin component frame: arrow keys click the step buttons.

    ``ArrowLeft``/``PageUp`` click the button whose Streamlit key is
    ``prev_key``, ``ArrowRight``/``PageDown`` the one keyed ``next_key``
    (presenter clickers send Page Up/Down). Keys typed into a field are left
    alone. The handler is kept on the page's window so a rerun replaces it
    instead of adding a second one.

    Parameters
    ----------
    prev_key, next_key : str
        Streamlit keys of the previous / next buttons.

    Returns
    -------
    str
        A ``<script>`` element (``static/keyboard.js`` inlined).
    """
    keys = {"ArrowLeft": prev_key, "PageUp": prev_key, "ArrowRight": next_key, "PageDown": next_key}
    return render("keyboard.html.j2", script=static_text("keyboard.js"), keys=keys)


def export_keys_script() -> Markup:
    """The HTML export's script: arrow keys and Page Up/Down scroll to the next step.

    Returns
    -------
    markupsafe.Markup
        The text of ``static/export_keys.js``, to inline in a ``<script>``.
    """
    return static_text("export_keys.js")
