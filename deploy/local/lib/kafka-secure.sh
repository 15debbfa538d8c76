# Kafka with TLS and SASL/SCRAM (issue 17), chosen with MILLSTREAM_KAFKA_SECURITY=sasl_ssl: the
# client listener speaks SASL_SSL only; the controller listener speaks TLS with client
# certificates; SCRAM-SHA-512 users (admin and one per service) are created when the storage is
# formatted, and each service's ACLs (packages/kafka service-acls.ts) are applied once Kafka is
# up. Passwords are generated here and kept in files; sourced by kafka.sh.

KAFKA_SECURITY="${MILLSTREAM_KAFKA_SECURITY:-plaintext}"
KAFKA_USERS=(admin ingest aggregator scorer api)
# The broker's certificate subject: its principal on the controller listener, a super user.
KAFKA_BROKER_CN="millstream-kafka"

kafka_secure() { [ "$KAFKA_SECURITY" = sasl_ssl ]; }

kafka_tls() {
  local dir="$RUN_DIR/kafka/tls"
  [ -f "$dir/broker.pem" ] && return 0
  dev_tls "$dir" broker "MillStream dev Kafka CA" "$KAFKA_BROKER_CN"
  # Kafka's PEM key store: the private key (PKCS#8) followed by its certificate.
  (umask 077; cat "$dir/broker.key" "$dir/broker.crt" >"$dir/broker.pem")
}

# One random password per user, in a file only the owner reads (services get the path, not the secret).
kafka_credentials() {
  local dir="$RUN_DIR/kafka/credentials" u
  mkdir -p "$dir"; chmod 700 "$dir"
  for u in "${KAFKA_USERS[@]}"; do
    [ -s "$dir/$u.password" ] || (umask 077; openssl rand -hex 24 >"$dir/$u.password")
  done
}

# StorageTool arguments that create every SCRAM user at format time (KRaft keeps them in the metadata log).
kafka_scram_args() {
  local u
  for u in "${KAFKA_USERS[@]}"; do
    printf -- '--add-scram\nSCRAM-SHA-512=[name=%s,password=%s]\n' "$u" "$(cat "$RUN_DIR/kafka/credentials/$u.password")"
  done
}

kafka_secure_properties() {
  local dir="$RUN_DIR/kafka" tls="$RUN_DIR/kafka/tls"
  cat <<CONF
listeners=SASL_SSL://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=SASL_SSL://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=SASL_SSL
listener.security.protocol.map=CONTROLLER:SSL,SASL_SSL:SASL_SSL
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$(cat "$dir/credentials/admin.password")";
ssl.keystore.type=PEM
ssl.keystore.location=$tls/broker.pem
ssl.truststore.type=PEM
ssl.truststore.location=$tls/ca.crt
listener.name.controller.ssl.client.auth=required
ssl.principal.mapping.rules=RULE:^CN=([^,]+)\$/\$1/,DEFAULT
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=User:admin;User:$KAFKA_BROKER_CN
CONF
}

# After start: the contract's topics and each service's ACLs, as admin (deploy/local/kafka-acls.ts).
kafka_apply_acls() {
  (cd "$ROOT" && KAFKA_BROKERS="127.0.0.1:$KAFKA_PORT" KAFKA_SECURITY=sasl_ssl KAFKA_CA_FILE="$RUN_DIR/kafka/tls/ca.crt" \
    KAFKA_SASL_USERNAME=admin KAFKA_SASL_PASSWORD_FILE="$RUN_DIR/kafka/credentials/admin.password" \
    node --import tsx deploy/local/kafka-acls.ts) >>"$RUN_DIR/kafka/server.log" 2>&1 || die "applying kafka ACLs failed (see $RUN_DIR/kafka/server.log)"
}

# Connection variables for tools and tests (admin); demo.sh gives each service its own user.
kafka_secure_env() {
  kafka_secure || return 0
  cat <<ENV
export KAFKA_SECURITY=sasl_ssl
export KAFKA_CA_FILE=$RUN_DIR/kafka/tls/ca.crt
export KAFKA_SASL_USERNAME=admin
export KAFKA_SASL_PASSWORD_FILE=$RUN_DIR/kafka/credentials/admin.password
export KAFKA_CREDENTIALS_DIR=$RUN_DIR/kafka/credentials
ENV
}
