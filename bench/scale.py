"""The desk's pages and the API's requests at several sizes, with the growth factor.

    python bench/scale.py \\
        100k=postgres://postgres@127.0.0.1:5432/claims_bench_100k \\
        1M=postgres://postgres@127.0.0.1:5432/claims_bench_1m \\
        10M=postgres://postgres@127.0.0.1:5432/claims_bench_10m

Each database is one built by bench/api/generate.py. For each, in turn, it runs
bench/admin_desk.py (in-process, median of 5) and bench/api/run.py (gunicorn on
loopback), then prints one table: every page and request at every size, and
how much slower it is at each size than at the first. Run it with nothing else
on the machine: the figures are wall times.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DESK_LINE = re.compile(r"^(?P<page>\S.*?)\s+(?P<ms>[\d.]+) ms\s+(?P<queries>\d+) queries$")
# The API's requests and the bare baseline answering the same question.
BASELINE_PAIRS = [
    ("claims_by_actor_first_page", "baseline_first_page"),
    ("claims_by_actor_deep_cursor", "baseline_deep_page"),
]
API_REPORT = re.compile(r"^written to (?P<path>\S+)$", re.MULTILINE)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="+", metavar="LABEL=DATABASE_URL")
    parser.add_argument("--search", default="morrenber", help="the desk's search word")
    parser.add_argument("--seconds", type=float, default=10.0, help="per API scenario")
    args = parser.parse_args()
    for size in args.sizes:
        if "=" not in size:
            parser.error(f"{size!r}: give LABEL=DATABASE_URL")
    return args


def desk_times(database_url: str, search: str) -> dict[str, float]:
    """Median ms of every desk page, as admin_desk.py prints them."""
    env = {**os.environ, "DJANGO_DEBUG": "1", "DATABASE_URL": database_url}
    command = [sys.executable, str(ROOT / "bench" / "admin_desk.py"), "--claims", "1000"]
    output = subprocess.run(
        [*command, "--search", search], env=env, check=True, capture_output=True, text=True
    ).stdout
    print(output, end="", flush=True)
    return {
        found["page"].strip(): float(found["ms"])
        for found in map(DESK_LINE.match, output.splitlines())
        if found
    }


def api_times(database_url: str, seconds: float) -> dict[str, tuple[float, float]]:
    """p50 and p99 ms of every API scenario, from run.py's report."""
    command = [sys.executable, str(ROOT / "bench" / "api" / "run.py")]
    output = subprocess.run(
        [*command, "--database-url", database_url, "--seconds", str(seconds)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    print(output, end="", flush=True)
    report = json.loads((ROOT / API_REPORT.search(output)["path"]).read_text())
    return {row["scenario"]: (row["p50_ms"], row["p99_ms"]) for row in report["results"]}


def main() -> int:
    args = parse_args()
    labels, desk, api = [], {}, {}
    for size in args.sizes:
        label, database_url = size.split("=", 1)
        print(f"== {label}", flush=True)
        labels.append(label)
        desk[label] = desk_times(database_url, args.search)
        api[label] = api_times(database_url, args.seconds)
        print(f"load average {os.getloadavg()[0]:.1f} after {label}", flush=True)

    first = labels[0]
    growth = [f"x {label}/{first}" for label in labels[1:]]
    print("\n| desk page (median ms) | " + " | ".join(labels + growth) + " |")
    print("|---" * (2 * len(labels)) + "|")
    for page in desk[first]:
        times = [desk[label].get(page, float("nan")) for label in labels]
        factors = [f"x{time / times[0]:.2f}" for time in times[1:]]
        print(f"| {page} | " + " | ".join([f"{t:.1f}" for t in times] + factors) + " |")
    print("\n| API request (p50 / p99 ms) | " + " | ".join(labels + growth) + " |")
    print("|---" * (2 * len(labels)) + "|")
    for scenario in api[first]:
        times = [api[label].get(scenario, (float("nan"),) * 2) for label in labels]
        cells = [f"{p50:.1f} / {p99:.1f}" for p50, p99 in times]
        factors = [f"x{t[0] / times[0][0]:.2f} / x{t[1] / times[0][1]:.2f}" for t in times[1:]]
        print(f"| {scenario} | " + " | ".join(cells + factors) + " |")
    for ours, bare in BASELINE_PAIRS:
        if all(ours in api[label] and bare in api[label] for label in labels):
            ratios = [
                f"x{api[label][ours][0] / api[label][bare][0]:.2f} / "
                f"x{api[label][ours][1] / api[label][bare][1]:.2f}"
                for label in labels
            ]
            print(f"| {ours} / {bare} | " + " | ".join(ratios) + " |" + " |" * len(growth))
    return 0


if __name__ == "__main__":
    sys.exit(main())
