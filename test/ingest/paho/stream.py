"""Publishes a stream of count messages with QoS 1 over MQTT 5, as a careful gateway would.

Input: one JSON object on argv[1]: host, port, username, password, clientId, prefix (topic up to
the plant), machines (line/machine), perMachine, baseTs, window (unacknowledged at once),
rate (messages per second, 0 = as fast as acknowledged), deadlineS.

Only PUBACK reason 0 counts as delivered. Reason 16 (no matching subscribers) means the broker
dropped the message: it is sent again after a short pause. A connection lost before the PUBACK
leaves the message unacknowledged: paho sends it again after reconnecting. Prints JSON lines:
{"ev":"progress",...} now and then and one {"ev":"done",...} with every acknowledged message and
the wall time of its PUBACK in epoch ms.
"""
import collections
import json
import sys
import threading
import time

from paho_client import connect

config = json.loads(sys.argv[1])
jobs = [
    (m, seq)
    for seq in range(1, config["perMachine"] + 1)
    for m in range(len(config["machines"]))
]
pending = list(reversed(jobs))  # pop() takes the next job
retry_at = []  # (monotonic time, job): sent again after PUBACK 16
inflight = {}  # mid -> job; touched by the main thread only
acks = collections.deque()  # (mid, reason code, epoch ms) from paho's network thread
acked = []  # [machine index, seq, PUBACK epoch ms]
counts = {"resent16": 0, "refused": 0, "connects": 0, "disconnects": 0}
connected = threading.Event()


def payload(job):
    m, seq = job
    return json.dumps({"ts": config["baseTs"] + seq * 1000, "total": seq * 10, "seq": seq})


def topic(job):
    return f'{config["prefix"]}/{config["machines"][job[0]]}/count'


def on_connect(client, userdata, flags, rc, properties=None):
    counts["connects"] += 1
    connected.set()


def on_disconnect(client, userdata, rc, properties=None):
    counts["disconnects"] += 1
    connected.clear()


def on_publish(client, userdata, mid):
    # Runs on paho's thread while it holds its own lock: hand over, do nothing else here.
    acks.append((mid, client.puback_reasons.pop(mid, 0), int(time.time() * 1000)))


def settle():
    while acks:
        mid, reason, at_ms = acks.popleft()
        job = inflight.pop(mid, None)
        if job is None:
            continue
        if reason == 0:
            acked.append([job[0], job[1], at_ms])
        elif reason == 16:
            counts["resent16"] += 1
            retry_at.append((time.monotonic() + 0.05, job))
        else:
            counts["refused"] += 1


client = connect(config, config["clientId"])
client.on_connect = on_connect
client.on_disconnect = on_disconnect
client.on_publish = on_publish
client.max_inflight_messages_set(config["window"])
client.max_queued_messages_set(0)
client.connect(config["host"], config["port"], keepalive=5)
client.loop_start()
connected.wait(10)

deadline = time.monotonic() + config["deadlineS"]
started = time.monotonic()
sent = 0
last_progress = 0.0
total = len(jobs)
while time.monotonic() < deadline:
    now = time.monotonic()
    settle()
    if len(acked) + counts["refused"] >= total:
        break
    ready = [j for (t, j) in retry_at if t <= now]
    retry_at[:] = [(t, j) for (t, j) in retry_at if t > now]
    room = config["window"] - len(inflight) - len(ready)
    allowed = total if config["rate"] <= 0 else int((now - started) * config["rate"]) - sent
    while room > 0 and allowed > 0 and pending:
        ready.append(pending.pop())
        room -= 1
        allowed -= 1
        sent += 1
    for job in ready:
        inflight[client.publish(topic(job), payload(job), qos=1).mid] = job
    if now - last_progress > 0.5:
        last_progress = now
        print(json.dumps({"ev": "progress", "acked": len(acked), "inflight": len(inflight), **counts}), flush=True)
    time.sleep(0.002)

client.disconnect()
client.loop_stop()
print(json.dumps({"ev": "done", "total": total, "acked": acked, **counts}), flush=True)
