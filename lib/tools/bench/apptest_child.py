"""One cold start and warm reruns of a page under AppTest, in a fresh process.

Not imported: ``run_apptest`` passes this file's text to ``python -c`` with a JSON spec
as the argument, so that the clock starts before Streamlit is imported, and prints
the result as JSON after the spec's mark.
"""

# ruff: noqa: E402
# (the clock starts before Streamlit is imported)
import time

_t0 = time.perf_counter()
import contextlib
import json
import sys

from streamlit.testing.v1 import AppTest

spec = json.loads(sys.argv[1])


def map_bytes(at):
    total, count = 0, 0
    for c in at.get("component_instance"):
        if "st_folium" in c.proto.component_name:
            args = json.loads(c.proto.json_args)
            total += sum(
                len((args.get(k) or "").encode("utf-8")) for k in ("script", "html", "header")
            )
            count += 1
    return total, count


def errors(at):
    return [str(e.value)[:300] for e in at.exception]


at = AppTest.from_file(spec["script"], default_timeout=spec["timeout"])
page_hash = None
if spec["page"]:
    at.switch_page(spec["page"])
    page_hash = at._page_hash
at.run()
cold = time.perf_counter() - _t0
nbytes, nmaps = map_bytes(at)
result = {
    "cold_s": cold,
    "bytes": nbytes,
    "maps": nmaps,
    "errors": errors(at),
    "warm_s": [],
    "applied": [],
}
for selection in spec["warm"]:
    with contextlib.suppress(KeyError):
        at.multiselect(key=spec["widget"]).set_value(list(selection))
    if spec["default_route"]:
        # tests/apptest_utils.rerun: ask for the default page again, as the browser does.
        at._page_hash = ""
        at._finished_page_script_hash = ""
    elif page_hash is not None:
        at._page_hash = page_hash
    t = time.perf_counter()
    at.run()
    result["warm_s"].append(time.perf_counter() - t)
    result["errors"] += errors(at)
    try:
        got = at.session_state[spec["state"]]
        got = sorted(getattr(got, "groups", got))
    except KeyError:
        got = None
    result["applied"].append(got == sorted(selection))
print(spec["mark"] + json.dumps(result))
