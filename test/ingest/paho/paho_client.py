"""A paho-mqtt (Debian's python3-paho-mqtt) MQTT 5 client that keeps each PUBACK's reason code.

paho-mqtt 1.6.1 reads the reason code of a PUBACK and then drops it before on_publish, so a
publisher cannot tell reason 0 (delivered) from 16 (no matching subscribers: the broker dropped
the message). This subclass records it by message id before paho handles the packet.
"""
import struct

import paho.mqtt.client as mqtt


class ReasonKeepingClient(mqtt.Client):
    def __init__(self, client_id):
        super().__init__(client_id=client_id, protocol=mqtt.MQTTv5)
        self.puback_reasons = {}

    def _handle_pubackcomp(self, cmd):
        packet = self._in_packet["packet"]
        if len(packet) >= 2:
            (mid,) = struct.unpack("!H", packet[:2])
            # MQTT 5 section 3.4.2.1: no reason code byte means 0 (success).
            self.puback_reasons[mid] = packet[2] if self._in_packet["remaining_length"] > 2 else 0
        return super()._handle_pubackcomp(cmd)


def connect(config, client_id):
    client = ReasonKeepingClient(client_id)
    client.username_pw_set(config["username"], config["password"])
    client.reconnect_delay_set(min_delay=0.25, max_delay=1)
    return client
