#!/usr/bin/env python3
"""Drives a running dataarts-mock with a fixed workload for scripts/profile.sh.

usage: profile-client.py PORT PHASE COUNT
  PHASE preload: COUNT creates in workspace bench-list (names pre-00000…)
        create:  COUNT creates with fresh names in workspace bench-create
        show:    COUNT shows of one connection
        list:    COUNT lists of bench-list (limit=50&offset=0)
        health:  COUNT GET /__mock/health
One keep-alive connection, requests in sequence; any answer other than 200 is an error.
Only 127.0.0.1 is contacted.
"""
import http.client
import json
import sys

PROJECT = "0123456789abcdef0123456789abcdef"
BASE = f"/v1/{PROJECT}/data-connections"


def main():
    port, phase, count = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def call(method, path, workspace, body=None):
        headers = {"X-Auth-Token": "profile", "workspace": workspace, "Content-Type": "application/json"}
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        if response.status != 200:
            sys.exit(f"profile-client: {method} {path} answered {response.status}: {data[:200]!r}")
        return data

    def create(workspace, name):
        body = json.dumps({"data_source_vos": [{"dw_name": name, "dw_type": "DWS", "dw_config": {
            "clusterId": "x", "dbUserName": "u", "dbPassword": "p"}}]})
        return json.loads(call("POST", BASE, workspace, body))["data_connection_id"]

    if phase == "preload":
        for i in range(count):
            create("bench-list", f"pre-{i:05d}")
    elif phase == "create":
        import os
        for i in range(count):
            create("bench-create", f"c-{os.getpid()}-{i}")
    elif phase == "show":
        ident = create("bench-show", f"show-{count}")
        for _ in range(count):
            call("GET", f"{BASE}/{ident}", "bench-show")
    elif phase == "list":
        for _ in range(count):
            call("GET", f"{BASE}?limit=50&offset=0", "bench-list")
    elif phase == "health":
        for _ in range(count):
            call("GET", "/__mock/health", "-")
    else:
        sys.exit(f"profile-client: unknown phase {phase}")


if __name__ == "__main__":
    main()
