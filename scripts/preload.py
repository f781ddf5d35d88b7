#!/usr/bin/env python3
"""Preloads a running dataarts-mock for scripts/bench.sh and scripts/profile.sh: COUNT creates in
WORKSPACE (names pre-00000…) of project 0123456789abcdef0123456789abcdef, over one keep-alive
connection to 127.0.0.1; prints the id of the last one created.

usage: preload.py PORT WORKSPACE COUNT
"""
import http.client
import json
import sys

PROJECT = "0123456789abcdef0123456789abcdef"


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    port, workspace, count = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"X-Auth-Token": "preload", "workspace": workspace, "Content-Type": "application/json"}
    last = ""
    for i in range(count):
        body = json.dumps({"data_source_vos": [{"dw_name": f"pre-{i:05d}", "dw_type": "DWS", "dw_config": {
            "clusterId": "x", "dbUserName": "u", "dbPassword": "p"}}]})
        conn.request("POST", f"/v1/{PROJECT}/data-connections", body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        if response.status != 200:
            sys.exit(f"preload: create {i} in {workspace} answered {response.status}: {data[:200]!r}")
        last = json.loads(data)["data_connection_id"]
    print(last)


if __name__ == "__main__":
    main()
