#!/usr/bin/env python3
"""The workers benchmark's sources: N one-event calendars on 127.0.0.1, each answer after a fixed
latency (50 ms by default), as a slow public site would. Not a test; used by run.sh.

    latency_server.py PORTFILE [LATENCY_MS]

GET /s/NNNN.ics  one VEVENT on its own day (NNNN: 0000-9999)
GET /stats       {"requests": R, "distinct": D}: source requests so far, and distinct paths
GET /reset       clears the counts
Anything else answers 404 (robots.txt included: no robots rules).
"""
import json
import sys
import threading
import time
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LATENCY = (float(sys.argv[2]) if len(sys.argv) > 2 else 50.0) / 1000.0
LOCK = threading.Lock()
COUNTS = {}


def calendar(n):
    day = (date(2030, 1, 1) + timedelta(days=n)).strftime("%Y%m%d")
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//labfeed bench//EN\r\nBEGIN:VEVENT\r\n"
            f"UID:bench-{n}@labfeed.test\r\nDTSTAMP:20291001T080000Z\r\nDTSTART:{day}T090000Z\r\n"
            f"DTEND:{day}T110000Z\r\nSUMMARY:Atelier {n}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n").encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, body, kind="text/plain"):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path == "/stats":
            with LOCK:
                body = json.dumps({"requests": sum(COUNTS.values()), "distinct": len(COUNTS)}).encode()
            return self.answer(200, body, "application/json")
        if path == "/reset":
            with LOCK:
                COUNTS.clear()
            return self.answer(200, b"ok")
        if path.startswith("/s/") and path.endswith(".ics") and path[3:-4].isdigit():
            with LOCK:
                COUNTS[path] = COUNTS.get(path, 0) + 1
            time.sleep(LATENCY)
            return self.answer(200, calendar(int(path[3:-4])), "text/calendar")
        return self.answer(404, b"not found")


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    with open(sys.argv[1], "w") as f:
        f.write(f"{server.server_address[1]}\n")
    server.serve_forever()


if __name__ == "__main__":
    main()
