import os, runpy
from pyinstrument import Profiler
p = Profiler(interval=0.0005, async_mode="disabled")
p.start()
try:
    runpy.run_path(os.path.join(os.path.dirname(os.path.abspath(__file__)), "app.py"), run_name="__main__")
finally:
    p.stop()
    n = os.environ.get("PROF_N", "0")
    with open(f"/tmp/prof_run_{n}.txt", "a") as f:
        f.write(p.output_text(unicode=False, color=False, show_all=False))
