"""A burst of small uploads at once, as the hostile probe of issue 16 sent them: POST latency
percentiles, the share answered 429 and any 5xx. curl sends them all in parallel from one
process (-Z), so the figures are the server's, not a client's thread pool's."""
import json
import os
import subprocess
import tempfile

TINY_CSV = "name,lat,lon\nMadrid,40.4168,-3.7038\nParis,48.8566,2.3522\n"


def percentile(sorted_values, share):
    return sorted_values[min(len(sorted_values) - 1, int(len(sorted_values) * share))]


def upload_burst(url, count, work):
    """POSTs count copies of a tiny CSV to url at once; returns the figures and the accepted ids."""
    csv = os.path.join(work, "burst.csv")
    with open(csv, "w") as f:
        f.write(TINY_CSV)
    bodies = os.path.join(work, "burst-bodies")
    os.makedirs(bodies, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", dir=work, suffix=".curl", delete=False) as cfg:
        for i in range(count):
            if i:
                cfg.write("next\n")
            cfg.write(f'url = "{url}"\nform = "file=@{csv}"\noutput = "{bodies}/{i}.json"\n'
                      'write-out = "%{http_code} %{time_total}\\n"\n')
    try:
        out = subprocess.run(["curl", "-sS", "-Z", "--parallel-immediate", "--parallel-max", str(count), "-K", cfg.name],
                             capture_output=True, text=True, check=False).stdout
    finally:
        os.remove(cfg.name)
    answers = [line.split() for line in out.splitlines() if line.strip()]
    codes = [int(code) for code, _ in answers]
    millis = sorted(float(t) * 1000 for _, t in answers)
    # curl writes the status lines in the order the answers came, not in the config's order.
    accepted = []
    for i in range(count):
        with open(os.path.join(bodies, f"{i}.json")) as f:
            answer = json.load(f)
        if "item_queue_id" in answer:
            accepted.append(answer["item_queue_id"])
    return {
        "sent": count,
        "answered": len(answers),
        "p50_ms": percentile(millis, 0.50) if millis else None,
        "p99_ms": percentile(millis, 0.99) if millis else None,
        "max_ms": millis[-1] if millis else None,
        "share_429": codes.count(429) / count,
        "status_5xx": sum(1 for c in codes if c >= 500 or c == 0),
    }, accepted
