#!/usr/bin/env python3
"""Fuzzes the live server over sockets for a bounded time and number of cases.

    scripts/fuzz/live.py --binary .build/debug/dataarts-mock --seconds 60 [--cases N] [--seed S]

Starts the real server on 127.0.0.1, port 0, and sends it random and mutated requests from
several threads at once: valid API and control requests with bytes flipped, inserted, deleted
or spliced; pipelined bursts split at random points; abrupt closes (RST) mid-request and
mid-reply; half-closes; slow drips (slowloris); replies left unread while the server writes;
chunked bodies with odd sizes and extensions; raw noise. Between cases it checks that
`GET /__mock/health` still answers 200. It fails (exit 1) if the server dies, stops answering
health checks, or prints a crash; it stops by itself when the time or the case budget is
spent, and always stops the server. Only 127.0.0.1 is contacted.
"""

import argparse
import os
import random
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

PROJECT = "0123456789abcdef0123456789abcdef"
WORKSPACE = "a1b2c3d4e5f60718293a4b5c6d7e8f90"
COLLECTION = f"/v1/{PROJECT}/data-connections"


def request(method, target, body=b"", headers=None, chunked=False):
    lines = [f"{method} {target} HTTP/1.1", "Host: 127.0.0.1"]
    base = {"X-Auth-Token": "fuzz", "workspace": WORKSPACE}
    if body or method in ("POST", "PUT"):
        base["Content-Type"] = "application/json"
    base.update(headers or {})
    for name, value in base.items():
        lines.append(f"{name}: {value}")
    if chunked:
        lines.append("Transfer-Encoding: chunked")
        pieces = []
        rest = body
        while rest:
            size = random.randint(1, max(1, len(rest)))
            ext = random.choice(["", ";a=b", ";" + "x" * random.randint(1, 200), " ", ";q=\"v\""])
            pieces.append(f"{size:x}{ext}\r\n".encode() + rest[:size] + b"\r\n")
            rest = rest[size:]
        trailer = random.choice([b"", b"X-Trailer: 1\r\n"])
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + b"".join(pieces) + b"0\r\n" + trailer + b"\r\n"
    lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def create_body(name):
    return (
        '{"data_source_vos":[{"dw_name":"%s","dw_type":"DWS","dw_config":{"host":"h","port":8000,'
        '"password":"secret","nested":{"a":[1,2.5,-0,1e3,"x",null,true]}}}]}' % name
    ).encode()


def seeds():
    name = "fz%06d" % random.randint(0, 999999)
    connection = "%032x" % random.getrandbits(128)
    return [
        request("GET", "/__mock/health"),
        request("GET", COLLECTION),
        request("GET", COLLECTION + "?limit=2&offset=0&name=fz"),
        request("POST", COLLECTION, create_body(name)),
        request("POST", COLLECTION, create_body(name), chunked=True),
        request("GET", f"{COLLECTION}/{connection}"),
        request("PUT", f"{COLLECTION}/{connection}", create_body(name)),
        request("DELETE", f"{COLLECTION}/{connection}"),
        request("POST", f"/v1/{PROJECT}/data-connections/validation", create_body(name)),
        request("GET", "/__mock/requests?limit=3"),
        request("GET", "/__mock/faults"),
        request("GET", "/__mock/clock"),
        request("GET", "/__mock/openapi.json"),
        request("GET", "/__mock/"),
        request("GET", "http://127.0.0.1/__mock/health"),
        request("OPTIONS", "*"),
        request("GET", "/", headers={"Expect": "100-continue"}),
        request("POST", COLLECTION, create_body(name), headers={"Expect": "100-continue"}),
        request("GET", "/__mock/health", headers={"Connection": "close"}),
        b"GET /__mock/health HTTP/1.0\r\n\r\n",
        b"GET /__mock/health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
    ]


TOKENS = [b"\r\n", b"\n", b"\r", b" ", b":", b";", b"0", b"ffffffffffffffff", b"Transfer-Encoding: chunked\r\n",
          b"Content-Length: 5\r\n", b"Content-Length: -1\r\n", b"Host: \r\n", b"\x00", b"\xff", b"%", b"{", b"}",
          b"[", b"]", b"\"", b"1e400", b"HTTP/2.0", b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", b"\x16\x03\x01"]


def mutate(data):
    data = bytearray(data)
    for _ in range(random.randint(1, 6)):
        choice = random.random()
        position = random.randint(0, len(data)) if data else 0
        if choice < 0.25 and data:
            data[min(position, len(data) - 1)] = random.randint(0, 255)
        elif choice < 0.45:
            data[position:position] = random.choice(TOKENS)
        elif choice < 0.6 and data:
            end = min(len(data), position + random.randint(1, 16))
            del data[position:end]
        elif choice < 0.75 and data:
            start = random.randint(0, len(data) - 1)
            piece = data[start:start + random.randint(1, 32)]
            data[position:position] = piece * random.randint(1, 4)
        elif choice < 0.85:
            data[position:position] = bytes(random.randint(0, 255) for _ in range(random.randint(1, 24)))
        else:
            other = random.choice(seeds())
            data = data[:position] + other[random.randint(0, len(other)):]
    return bytes(data)


class Target:
    def __init__(self, port):
        self.port = port

    def connect(self, timeout=3.0):
        sock = socket.create_connection(("127.0.0.1", self.port), timeout=timeout)
        sock.settimeout(timeout)
        return sock


def reset(sock):
    """Close with RST instead of FIN: SO_LINGER with a zero timeout."""
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    except OSError:
        pass
    sock.close()


def drain(sock, limit=1 << 20, deadline=2.0):
    """Reads replies until the server closes, `deadline` passes, or it is quiet for 100 ms
    (a kept-alive connection that has answered everything)."""
    total = 0
    end = time.monotonic() + deadline
    sock.settimeout(0.1)
    try:
        while total < limit and time.monotonic() < end:
            chunk = sock.recv(65536)
            if not chunk:
                break
            total += len(chunk)
    except OSError:
        pass
    return total


def send_split(sock, data):
    """Sends `data` in random pieces, so that the server parses it across reads."""
    index = 0
    while index < len(data):
        size = random.choice([1, 2, 7, 64, 512, len(data)])
        sock.sendall(data[index:index + size])
        index += size


def case_mutated(target):
    sock = target.connect()
    try:
        sock.sendall(mutate(random.choice(seeds())))
        drain(sock, deadline=1.0)
    finally:
        sock.close()


def case_pipelined(target):
    sock = target.connect()
    try:
        burst = b"".join(random.choice(seeds()) for _ in range(random.randint(2, 40)))
        if random.random() < 0.3:
            burst = mutate(burst)
        send_split(sock, burst)
        drain(sock, deadline=1.5)
    finally:
        sock.close()


def case_abrupt_close(target):
    sock = target.connect()
    data = random.choice(seeds())
    sock.sendall(data[:random.randint(0, len(data))])
    if random.random() < 0.5:
        time.sleep(random.random() * 0.01)
    reset(sock)


def case_unread_replies(target):
    """Many large replies asked for and never read, then a reset while the server writes:
    the path where the write source is armed when the connection closes."""
    sock = target.connect()
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    except OSError:
        pass
    big = request("GET", "/__mock/openapi.json")
    sock.sendall(big * random.randint(5, 60))
    time.sleep(random.random() * 0.02)
    reset(sock)


def case_half_close(target):
    sock = target.connect()
    try:
        sock.sendall(b"".join(random.choice(seeds()) for _ in range(random.randint(1, 5))))
        sock.shutdown(socket.SHUT_WR)
        drain(sock, deadline=2.0)
    finally:
        sock.close()


def case_drip(target):
    sock = target.connect()
    try:
        data = random.choice(seeds())
        # At most ~60 pieces, a few milliseconds apart: a slow client, bounded.
        step = max(1, len(data) // 60)
        for index in range(0, len(data), step):
            sock.sendall(data[index:index + step])
            time.sleep(0.002)
        if random.random() < 0.5:
            drain(sock, deadline=1.0)
            sock.close()
        else:
            reset(sock)
    except OSError:
        sock.close()


def case_chunk_extensions(target):
    sock = target.connect()
    try:
        head = request("POST", COLLECTION, headers={"Content-Type": "application/json"})
        head = head.replace(b"Content-Length: 0\r\n", b"Transfer-Encoding: chunked\r\n")
        chunk = b"1;" + b"x" * random.choice([10, 1000, 4000, 5000]) + b"\r\na\r\n"
        sock.sendall(head + chunk * random.randint(1, 300))
        if random.random() < 0.5:
            sock.sendall(b"0\r\n\r\n")
        drain(sock, deadline=1.0)
    except OSError:
        pass
    finally:
        sock.close()


def case_noise(target):
    sock = target.connect()
    try:
        sock.sendall(bytes(random.randint(0, 255) for _ in range(random.randint(1, 2048))))
        drain(sock, deadline=0.5)
    except OSError:
        pass
    finally:
        sock.close()


def case_connect_close(target):
    sock = target.connect()
    if random.random() < 0.5:
        reset(sock)
    else:
        sock.close()


CASES = [
    (case_mutated, 30), (case_pipelined, 12), (case_abrupt_close, 14), (case_unread_replies, 8),
    (case_half_close, 10), (case_drip, 4), (case_chunk_extensions, 4), (case_noise, 8), (case_connect_close, 10),
]


def healthy(target):
    try:
        sock = target.connect(timeout=5.0)
        try:
            sock.sendall(b"GET /__mock/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            reply = b""
            while True:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                reply += chunk
            return reply.startswith(b"HTTP/1.1 200 ")
        finally:
            sock.close()
    except OSError:
        return False


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=os.environ.get("MOCK_BIN", ".build/debug/dataarts-mock"))
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--seed", type=int, default=None)
    arguments = parser.parse_args()
    seed = arguments.seed if arguments.seed is not None else random.randrange(1 << 32)
    random.seed(seed)

    workdir = tempfile.mkdtemp(prefix="fuzz-live-")
    ready = os.path.join(workdir, "ready.json")
    log_path = os.path.join(workdir, "server.log")
    log = open(log_path, "wb")
    server = subprocess.Popen(
        [arguments.binary, "--host", "127.0.0.1", "--port", "0", "--ready-file", ready,
         "--header-timeout", "2", "--body-timeout", "2", "--idle-timeout", "3", "--max-clients", "4096",
         "--log-level", "error"],
        stdout=subprocess.DEVNULL, stderr=log)
    try:
        deadline = time.monotonic() + 30
        while not os.path.exists(ready) and server.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        if not os.path.exists(ready):
            print(f"fuzz live: the server did not start (log: {log_path})", file=sys.stderr)
            return 1
        import json
        with open(ready) as handle:
            port = json.load(handle)["port"]
        target = Target(port)

        started = time.monotonic()
        end = started + arguments.seconds
        counts = {}
        lock = threading.Lock()
        failure = []
        budget = [arguments.cases]
        functions = [case for case, weight in CASES for _ in range(weight)]

        def worker(index):
            rng = random.Random(seed * 1000 + index)
            while time.monotonic() < end and not failure:
                with lock:
                    if budget[0] <= 0:
                        return
                    budget[0] -= 1
                # Each thread draws from its own generator; `random` in the helpers is shared
                # but only used for shapes, so a seed still reproduces the mix of cases.
                case = rng.choice(functions)
                try:
                    case(target)
                except OSError:
                    pass  # refused, reset or timed out: the server's choice, judged by health
                with lock:
                    counts[case.__name__] = counts.get(case.__name__, 0) + 1

        threads = [threading.Thread(target=worker, args=(index,), daemon=True) for index in range(arguments.threads)]
        for thread in threads:
            thread.start()
        checks = 0
        while any(thread.is_alive() for thread in threads):
            time.sleep(0.5)
            if server.poll() is not None:
                failure.append(f"the server exited with {server.returncode}")
                break
            checks += 1
            if not healthy(target):
                # One more try: a health check can meet a full backlog under a burst.
                time.sleep(1)
                if not healthy(target):
                    failure.append("the server stopped answering /__mock/health")
                    break
        for thread in threads:
            thread.join(timeout=10)
        if not failure and server.poll() is not None:
            failure.append(f"the server exited with {server.returncode}")
        if not failure and not healthy(target):
            failure.append("the server does not answer /__mock/health after the run")

        total = sum(counts.values())
        took = time.monotonic() - started
        print(f"cases: {total}  seconds: {took:.0f}  health checks: {checks}  seed: {seed}")
        print("  " + "  ".join(f"{name.removeprefix('case_')}={count}" for name, count in sorted(counts.items())))
        log.flush()
        with open(log_path, "rb") as handle:
            text = handle.read().decode(errors="replace")
        crashed = any(marker in text for marker in ("Fatal error", "BUG IN", "Illegal instruction", "Segmentation fault"))
        if not failure and not crashed:
            # A clean stop is part of the check: SIGTERM drains and exits 0.
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                failure.append("the server did not stop within 15 s of SIGTERM")
            else:
                if server.returncode != 0:
                    failure.append(f"the server exited with {server.returncode} on SIGTERM")
        if failure or crashed:
            print(f"crashes: 1 ({'; '.join(failure) or 'crash text in the log'}); server log: {log_path}", file=sys.stderr)
            print(text[-4000:], file=sys.stderr)
            return 1
        print("crashes: 0")
        return 0
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        log.close()


if __name__ == "__main__":
    sys.exit(main())
