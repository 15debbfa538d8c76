"""A Sparkplug B edge node for the test plant, written with pysparkplug (not by this project).

Driven by JSON lines on stdin, reporting JSON lines on stdout, so the TypeScript test can steer it:
  {"op": "ddata", "device": "loom-01", "metrics": [{"name": "Picks", "type": "UINT64", "value": 5, "timestamp": 1}]}
  {"op": "skip_seq"}   a lost QoS 0 message: the next one carries a seq one further on
  {"op": "disconnect"} a clean stop: pysparkplug publishes the NDEATH itself
Events: {"event": "born"} after each birth, {"event": "rebirth_requested"} on NCMD Node Control/Rebirth.
pysparkplug has no rebirth call of its own: it answers by reconnecting (NDEATH, then NBIRTH and DBIRTHs).
"""
import json
import os
import queue
import sys
import threading
import time

import pysparkplug as psp

events: "queue.Queue[str]" = queue.Queue()


def say(event: str) -> None:
    print(json.dumps({"event": event}), flush=True)


def on_ncmd(_node: psp.EdgeNode, message: psp.Message) -> None:
    if any(m.name == "Node Control/Rebirth" and m.value for m in message.payload.metrics):
        events.put("rebirth")


def metric(spec: dict) -> psp.Metric:
    return psp.Metric(timestamp=spec.get("timestamp") or psp.get_current_timestamp(), name=spec["name"], datatype=psp.DataType[spec["type"]], value=spec["value"])


def main() -> None:
    env = os.environ
    client = psp.Client(client_id=env["SPB_CLIENT_ID"], username=env["SPB_USERNAME"], password=env["SPB_PASSWORD"])
    node = psp.EdgeNode(group_id=env["SPB_GROUP"], edge_node_id=env["SPB_EDGE_NODE"], metrics=[metric({"name": "Node Control/Rebirth", "type": "BOOLEAN", "value": False})], client=client, cmd_callback=on_ncmd)
    for device_id, metrics in json.loads(env["SPB_DEVICES"]).items():
        node.register(psp.Device(device_id=device_id, metrics=[metric(m) for m in metrics]))

    def connect() -> None:
        node.connect(env["SPB_HOST"], port=int(env["SPB_PORT"]), blocking=False)
        deadline = time.time() + 20
        while not node._connected and time.time() < deadline:  # pysparkplug says connected only here
            time.sleep(0.02)
        time.sleep(0.2)  # births are published from the connect callback
        say("born")

    def read_stdin() -> None:
        for line in sys.stdin:
            events.put(line)
        events.put('{"op": "disconnect"}')

    connect()
    threading.Thread(target=read_stdin, daemon=True).start()
    while True:
        item = events.get()
        if item == "rebirth":
            say("rebirth_requested")
            node.disconnect()
            connect()
            continue
        cmd = json.loads(item)
        if cmd["op"] == "ddata":
            node.update_device(cmd["device"], [metric(m) for m in cmd["metrics"]])
        elif cmd["op"] == "skip_seq":
            node._seq  # draws the next seq: the message that would have carried it is lost
        elif cmd["op"] == "disconnect":
            node.disconnect()
            say("disconnected")
            return
        say("done")


if __name__ == "__main__":
    main()
