"""Tries MQTT 5 subscriptions as a given account and reports the broker's reason code for each.

Input: one JSON object on argv[1]: host, port, username, password, clientId, filters, listenS.
Prints one JSON line: {"granted": {filter: reason code}, "received": messages received while
listening listenS seconds}. Codes below 0x80 grant (0, 1, 2 = QoS); 0x87 is Not authorized.
"""
import json
import sys
import threading
import time

from paho_client import connect

config = json.loads(sys.argv[1])
granted = {}
received = [0]
done = threading.Event()
by_mid = {}
lock = threading.Lock()  # the SUBACK may come before subscribe() has returned its mid


def on_subscribe(client, userdata, mid, reason_codes, properties=None):
    with lock:
        granted[by_mid[mid]] = reason_codes[0].value
    if len(granted) == len(config["filters"]):
        done.set()


def on_message(client, userdata, message):
    received[0] += 1


client = connect(config, config["clientId"])
client.on_subscribe = on_subscribe
client.on_message = on_message
client.connect(config["host"], config["port"], keepalive=10)
client.loop_start()
for f in config["filters"]:
    with lock:
        _, mid = client.subscribe(f, qos=1)
        by_mid[mid] = f
done.wait(10)
if config.get("ready"):
    print(json.dumps({"ev": "subscribed", "granted": granted}), flush=True)
time.sleep(config.get("listenS", 0))
client.disconnect()
client.loop_stop()
print(json.dumps({"ev": "done", "granted": granted, "received": received[0]}), flush=True)
