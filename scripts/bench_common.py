"""What the benchmarks share: the build's environment, a timed child process (wall time, CPU
time, peak memory), a copy of the site to change, a cProfile of a build, and the versions the
site pins in requirements.txt (read there, never copied)."""

from __future__ import annotations

import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from project_files import copy_project  # noqa: E402,F401  (the one copy of the site's files)

# MkDocs 1.6 prints a banner about 2.x unless told not to; a fixed hash seed keeps runs alike.
BUILD_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "PYTHONHASHSEED": "0"}


@dataclass(frozen=True)
class Timed:
    wall: float          # seconds on the clock
    cpu: float           # user + system seconds of the process and its children (Pagefind)
    peak_mb: float       # the process's largest resident size
    returncode: int
    output: str


def timed(command: list[str], cwd: Path, env: dict | None = None) -> Timed:
    """Runs `command` and measures it. CPU time varies less than wall time on a shared machine."""
    with tempfile.TemporaryFile("w+") as log:
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, env=env or BUILD_ENV, stdout=log, stderr=subprocess.STDOUT, text=True)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        log.seek(0)
        output = log.read()
    return Timed(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status),
                 output)


def mkdocs_build(project: Path, site_dir: Path, python: Path | None = None, profile: Path | None = None) -> Timed:
    """One `mkdocs build` of `project` (its own mkdocs.yml); exits if the build fails."""
    command = [str(python or sys.executable)]
    if profile:
        command += ["-m", "cProfile", "-o", str(profile)]
    command += ["-m", "mkdocs", "build", "--clean", "--site-dir", str(site_dir)]
    result = timed(command, project)
    if result.returncode != 0:
        sys.exit(f"the build of {project} failed:\n{result.output[-4000:]}")
    return result


def median(values) -> float:
    return statistics.median(list(values))


def pinned(names: list[str]) -> list[str]:
    """The lines of requirements.txt that pin these packages, as pip reads them."""
    wanted = {name.lower() for name in names}
    lines = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    found = [line.strip() for line in lines if line.split("==")[0].split("[")[0].strip().lower() in wanted]
    missing = wanted - {line.split("==")[0].split("[")[0].lower() for line in found}
    if missing:
        sys.exit(f"requirements.txt pins none of: {', '.join(sorted(missing))}")
    return found


def time_in_files(profile: Path, folder: Path) -> dict[str, float]:
    """Seconds (under cProfile) in the MkDocs events of each file in `folder`: the cumulative time
    of its functions named on_*, which MkDocs calls as events."""
    stats = pstats.Stats(str(profile))
    folder_name = str(folder.resolve())
    totals: dict[str, float] = {}
    for (file, _, name), (_, _, _, cumulative, _) in stats.stats.items():
        if file.startswith(folder_name) and name.startswith("on_"):
            key = Path(file).name
            totals[key] = totals.get(key, 0.0) + cumulative
    return totals
