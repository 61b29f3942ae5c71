#!/usr/bin/env python3
"""Time from process start to a CLI's first outbound request.

A CronJob starts a new pod, and so a new process, per run: what it costs before the job does any work is paid every
time. This starts an application from a publish folder with MLFLOW_TRACKING_URI pointing at a loopback listener, and
records when the first connection arrives (the process is then stopped). Repeated runs, median and range reported.

    python3 bench/startup/first-request.py PUBLISH_DIR [--runs 15]
PUBLISH_DIR holds MonitorJob/ and AutoRetrain/ as written by bench/publish/run.sh.
"""
import argparse
import os
import shutil
import socket
import statistics
import subprocess
import tempfile
import time

APPLICATIONS = {
    "sentinel-monitor": ("MonitorJob", ["--specialist-type", "sentiment"]),
    "sentinel-retrain": ("AutoRetrain", ["--specialist-type", "sentiment", "--force"]),
}


def first_request_ms(dll: str, args: list[str]) -> float:
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(60)
    port = listener.getsockname()[1]
    data_dir = tempfile.mkdtemp(prefix="sentinel-startup-")
    env = dict(os.environ, MLFLOW_TRACKING_URI=f"http://127.0.0.1:{port}", SENTINEL_DATA_DIR=data_dir)
    started = time.monotonic()
    process = subprocess.Popen(["dotnet", dll, *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        connection, _ = listener.accept()
        elapsed = (time.monotonic() - started) * 1000
        connection.close()
        return elapsed
    finally:
        process.kill()
        process.wait()
        listener.close()
        shutil.rmtree(data_dir, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("publish_dir")
    parser.add_argument("--runs", type=int, default=15)
    options = parser.parse_args()
    for name, (folder, args) in APPLICATIONS.items():
        dll = os.path.join(options.publish_dir, folder, name + ".dll")
        first_request_ms(dll, args)  # warm the file cache once, as a node that has pulled the image has
        times = [first_request_ms(dll, args) for _ in range(options.runs)]
        print(f"{name}: process start → first MLflow request: median {statistics.median(times):.0f} ms, "
              f"min {min(times):.0f} ms, max {max(times):.0f} ms ({options.runs} runs)")


if __name__ == "__main__":
    main()
