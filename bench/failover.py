"""The failover measurement of bench/run.sh (contenders 11a and 11b, docs/performance.md).

Two replicas share one clustered Quartz store in a database of their own. An import of a URL
served here stalls after its first bytes; the replica running it is killed (SIGKILL), and the
clock runs from the kill until the other replica asks for the file again (resumed) and until
the import is complete. 11b restarts the surviving replica (SIGTERM, then a new process) just
before the kill, as a rolling update would. Python 3 standard library only.
"""
import http.server
import threading
import time

ROWS = 100_000
POLL_SECONDS = 0.05
TIMEOUT_SECONDS = 300


class StallingSource:
    """Serves one CSV; the first request of each run sends a few rows and then waits for release()."""

    def __init__(self, rows):
        self.body = ("name,lat,lon\n" + "".join(f"p{i},{(i % 170) - 85}.5,{(i % 350) - 175}.25\n"
                                                for i in range(rows))).encode()
        self.requests = []
        self.released = threading.Event()
        source = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                first = not source.requests
                source.requests.append(time.monotonic())
                self.send_response(200)
                self.send_header("Content-Length", str(len(source.body)))
                self.end_headers()
                try:
                    self.wfile.write(source.body[:4096])
                    self.wfile.flush()
                    if first:
                        source.released.wait(TIMEOUT_SECONDS)
                    self.wfile.write(source.body[4096:])
                except OSError:
                    pass  # the replica that asked was killed, as intended

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, name):
        return f"http://127.0.0.1:{self.server.server_address[1]}/{name}.csv"

    def reset(self):
        self.requests.clear()
        self.released.clear()

    def close(self):
        self.released.set()
        self.server.shutdown()


class Failover:
    """Two replicas, each known by its Quartz instance id; new_replica(name) makes an unstarted one."""

    def __init__(self, new_replica, sql, error):
        self.new_replica = new_replica
        self.sql = sql
        self.error = error
        self.source = StallingSource(ROWS)
        self.replicas = {}  # Quartz instance id -> replica
        self.started = 0

    def start_one(self):
        self.started += 1
        known = set(self.instances())
        replica = self.new_replica(f"failover-{self.started}")
        replica.start()
        # The API answers before Quartz starts (after Camel's routes): wait for its check-in.
        deadline = time.monotonic() + TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            new = [i for i in self.instances() if i not in known and i not in self.replicas]
            if new:
                self.replicas[new[0]] = replica
                return
            time.sleep(0.2)
        raise self.error(f"{replica.name}'s scheduler did not check in")

    def instances(self):
        """The Quartz instances checked in; none before the first replica made the tables."""
        if self.sql("SELECT to_regclass('geoingest.qrtz_scheduler_state') IS NULL") == "t":
            return []
        return [i for i in self.sql("SELECT instance_name FROM geoingest.qrtz_scheduler_state").split("\n") if i]

    def ensure_two(self):
        while len(self.replicas) < 2:
            self.start_one()

    def run(self, restart_survivor):
        """(seconds from the kill to the resumed download, details); the killed replica is started again."""
        self.ensure_two()
        self.source.reset()
        any_replica = next(iter(self.replicas.values()))
        table = f"failover_{self.started}_{int(time.time())}"
        import_id = any_replica.post_json("/api/v1/imports", {"url": self.source.url(table)})["item_queue_id"]
        self.await_true(lambda: self.source.requests, "the first download did not start")
        running_on = self.sql("SELECT instance_name FROM geoingest.qrtz_fired_triggers"
                              f" WHERE job_group = 'imports' AND job_name = '{import_id}'")
        victim = self.replicas.pop(running_on)
        if restart_survivor:
            _, survivor = self.replicas.popitem()
            survivor.stop()
            self.start_one()
        survivor = next(iter(self.replicas.values()))
        victim.kill()
        killed = time.monotonic()
        self.await_true(lambda: len(self.source.requests) > 1, "no replica resumed the import")
        resumed = self.source.requests[1] - killed
        self.source.released.set()
        state = self.await_final(survivor, import_id)
        complete = time.monotonic() - killed
        if state["state"] != "complete":
            raise self.error(f"failover import {import_id} ended in {state['state']}: {state.get('get_error_text')}")
        if state.get("tables_created_count") != 1:
            raise self.error(f"failover import {import_id}: {state}")
        survivor.drop(state["table_id"])
        self.start_one()
        return resumed, {"resumed": resumed, "complete": complete}

    def await_true(self, condition, failure):
        deadline = time.monotonic() + TIMEOUT_SECONDS
        while not condition():
            if time.monotonic() > deadline:
                raise self.error(failure)
            time.sleep(POLL_SECONDS)

    def await_final(self, replica, import_id):
        deadline = time.monotonic() + TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            state = replica.get(f"/api/v1/imports/{import_id}")
            if state["state"] in ("complete", "failure"):
                return state
            time.sleep(POLL_SECONDS)
        raise self.error(f"failover import {import_id} did not finish")

    def close(self):
        for replica in self.replicas.values():
            replica.stop()
        self.source.close()
