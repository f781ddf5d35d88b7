#!/usr/bin/env python3
"""Preloads a running dataarts-mock for scripts/profile.sh: COUNT creates in workspace
bench-list (names pre-00000…), over one keep-alive connection to 127.0.0.1.

usage: profile-client.py PORT preload COUNT
"""
import http.client
import json
import sys

PROJECT = "0123456789abcdef0123456789abcdef"


def main():
    if len(sys.argv) != 4 or sys.argv[2] != "preload":
        sys.exit(__doc__)
    port, count = int(sys.argv[1]), int(sys.argv[3])
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"X-Auth-Token": "profile", "workspace": "bench-list", "Content-Type": "application/json"}
    for i in range(count):
        body = json.dumps({"data_source_vos": [{"dw_name": f"pre-{i:05d}", "dw_type": "DWS", "dw_config": {
            "clusterId": "x", "dbUserName": "u", "dbPassword": "p"}}]})
        conn.request("POST", f"/v1/{PROJECT}/data-connections", body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        if response.status != 200:
            sys.exit(f"profile-client: create {i} answered {response.status}: {data[:200]!r}")


if __name__ == "__main__":
    main()
