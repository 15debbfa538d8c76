// A Mochi MQTT broker (github.com/mochi-mqtt/server/v2) whose sessions and queued messages live in
// a bbolt file, each write its own fsynced transaction: the "broker with per-message durable
// storage" option of issue 17, for test/bench/mosquitto-edge-bridge.ts. Anonymous, one TCP listener.
package main

import (
	"flag"
	"log"
	"os"
	"os/signal"
	"syscall"
	"time"

	mqtt "github.com/mochi-mqtt/server/v2"
	"github.com/mochi-mqtt/server/v2/hooks/auth"
	"github.com/mochi-mqtt/server/v2/hooks/storage/bolt"
	"github.com/mochi-mqtt/server/v2/listeners"
	"go.etcd.io/bbolt"
)

func main() {
	addr := flag.String("listen", "127.0.0.1:1883", "TCP address")
	path := flag.String("db", "mochi.bolt", "bbolt file")
	flag.Parse()

	options := &mqtt.Options{InlineClient: false, Capabilities: mqtt.NewDefaultServerCapabilities()}
	// The most an offline session may queue: a queued QoS 1 message holds one of its 65,535 packet ids.
	options.Capabilities.MaximumInflight = 65535
	server := mqtt.New(options)
	must(server.AddHook(new(auth.AllowHook), nil))
	must(server.AddHook(new(bolt.Hook), &bolt.Options{Path: *path, Options: &bbolt.Options{Timeout: time.Second}}))
	must(server.AddListener(listeners.NewTCP(listeners.Config{ID: "tcp", Address: *addr})))

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGINT, syscall.SIGTERM)
	go func() { must(server.Serve()) }()
	<-stop
	must(server.Close())
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
