{{- define "millstream.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}{{ .Release.Name | trunc 50 | trimSuffix "-" }}{{- else -}}{{ printf "%s-%s" .Release.Name .Chart.Name | trunc 50 | trimSuffix "-" }}{{- end -}}
{{- end -}}

{{- define "millstream.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* Selector labels of one component: include "millstream.selector" (list . "ingest") */}}
{{- define "millstream.selector" -}}
{{- $root := index . 0 -}}
app.kubernetes.io/name: {{ $root.Chart.Name }}
app.kubernetes.io/instance: {{ $root.Release.Name }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end -}}

{{- define "millstream.image" -}}
{{ printf "%s:%s" .Values.image.repository .Values.image.tag | quote }}
{{- end -}}

{{/* Environment every service reads (docs/operations.md#shared-variables). */}}
{{- define "millstream.commonEnv" -}}
- { name: KAFKA_BROKERS, value: {{ include "millstream.brokers" . | quote }} }
- { name: LOG_LEVEL, value: {{ .Values.logLevel | quote }} }
- { name: HTTP_HOST, value: "0.0.0.0" }
- { name: HTTP_PORT, value: "9100" }
{{- if .Values.registry.configMap.name }}
- { name: REGISTRY_PATH, value: /etc/millstream/registry/{{ .Values.registry.configMap.key }} }
{{- end }}
{{- end -}}

{{- define "millstream.brokers" -}}
{{- if and .Values.strimzi.enabled .Values.strimzi.users.enabled -}}{{ .Values.strimzi.clusterName }}-kafka-bootstrap:9093
{{- else if .Values.strimzi.enabled -}}{{ .Values.strimzi.clusterName }}-kafka-bootstrap:9092{{- else -}}{{ required "kafka.brokers is required" .Values.kafka.brokers }}{{- end -}}
{{- end -}}

{{- define "millstream.podSecurity" -}}
securityContext:
  runAsNonRoot: true
  runAsUser: 10001
  fsGroup: 10001
  seccompProfile: { type: RuntimeDefault }
{{- end -}}

{{- define "millstream.containerSecurity" -}}
securityContext:
  allowPrivilegeEscalation: false
  readOnlyRootFilesystem: true
  capabilities: { drop: [ALL] }
{{- end -}}

{{/* Ops endpoints (docs/operations.md#ops-endpoints): restart on /healthz, route on /readyz. */}}
{{- define "millstream.probes" -}}
ports:
  - { name: ops, containerPort: 9100, protocol: TCP }
{{ include "millstream.probesOnly" . }}
{{- end -}}

{{- define "millstream.probesOnly" -}}
startupProbe:
  httpGet: { path: /healthz, port: ops }
  periodSeconds: 2
  failureThreshold: 30
livenessProbe:
  httpGet: { path: /healthz, port: ops }
  periodSeconds: 10
  failureThreshold: 3
readinessProbe:
  httpGet: { path: /readyz, port: ops }
  periodSeconds: 5
  failureThreshold: 2
{{- end -}}

{{- define "millstream.podAnnotations" -}}
{{- if .Values.metrics.annotations }}
prometheus.io/scrape: "true"
prometheus.io/port: "9100"
prometheus.io/path: /metrics
{{- end }}
{{- end -}}

{{- define "millstream.registryVolume" -}}
{{- if .Values.registry.configMap.name }}
- name: registry
  configMap: { name: {{ .Values.registry.configMap.name | quote }} }
{{- end }}
{{- end -}}

{{- define "millstream.registryMount" -}}
{{- if .Values.registry.configMap.name }}
- { name: registry, mountPath: /etc/millstream/registry, readOnly: true }
{{- end }}
{{- end -}}

{{/*
Kafka over TLS as the service's own SCRAM user, when strimzi.users.enabled: the password from the
Secret Strimzi writes for the KafkaUser, the CA from the cluster's CA Secret, both as files
(docs/operations.md#securing-kafka). Usage: include "millstream.kafkaAuthEnv" (list . "ingest").
*/}}
{{- define "millstream.kafkaAuthEnv" -}}
{{- $root := index . 0 -}}
{{- if and $root.Values.strimzi.enabled $root.Values.strimzi.users.enabled }}
- { name: KAFKA_SECURITY, value: sasl_ssl }
- { name: KAFKA_SASL_MECHANISM, value: scram-sha-512 }
- { name: KAFKA_SASL_USERNAME, value: {{ printf "%s-%s" $root.Values.strimzi.clusterName (index . 1) | quote }} }
- { name: KAFKA_SASL_PASSWORD_FILE, value: /etc/millstream/kafka/password }
- { name: KAFKA_CA_FILE, value: /etc/millstream/kafka-ca/ca.crt }
{{- end }}
{{- end -}}

{{- define "millstream.kafkaAuthMounts" -}}
{{- if and .Values.strimzi.enabled .Values.strimzi.users.enabled }}
- { name: kafka-password, mountPath: /etc/millstream/kafka, readOnly: true }
- { name: kafka-ca, mountPath: /etc/millstream/kafka-ca, readOnly: true }
{{- end }}
{{- end -}}

{{- define "millstream.kafkaAuthVolumes" -}}
{{- $root := index . 0 -}}
{{- if and $root.Values.strimzi.enabled $root.Values.strimzi.users.enabled }}
- name: kafka-password
  secret: { secretName: {{ printf "%s-%s" $root.Values.strimzi.clusterName (index . 1) | quote }}, items: [{ key: password, path: password }] }
- name: kafka-ca
  secret: { secretName: {{ printf "%s-cluster-ca-cert" $root.Values.strimzi.clusterName | quote }}, items: [{ key: ca.crt, path: ca.crt }] }
{{- end }}
{{- end -}}

{{/*
InfluxDB for one service: its own bucket-scoped token from influx.tokens.<service>, mounted as a
file (INFLUX_TOKEN_FILE; docs/operations.md#scoped-influxdb-tokens). Usage: include
"millstream.influxEnv" . ; "millstream.influxVolume" (list . "scorer").
*/}}
{{- define "millstream.influxEnv" -}}
- { name: INFLUX_URL, value: {{ .Values.influx.url | quote }} }
- { name: INFLUX_ORG, value: {{ .Values.influx.org | quote }} }
- { name: INFLUX_BUCKET, value: {{ .Values.influx.bucket | quote }} }
{{- with .Values.influx.rollupBucket }}
- { name: INFLUX_ROLLUP_BUCKET, value: {{ . | quote }} }
{{- end }}
- { name: INFLUX_TOKEN_FILE, value: /etc/millstream/influx/token }
{{- end -}}

{{- define "millstream.influxMount" -}}
- { name: influx-token, mountPath: /etc/millstream/influx, readOnly: true }
{{- end -}}

{{- define "millstream.influxVolume" -}}
{{- $root := index . 0 -}}
{{- $service := index . 1 -}}
{{- $secret := index $root.Values.influx.tokens $service | default dict -}}
- name: influx-token
  secret:
    secretName: {{ required (printf "influx.tokens.%s.name is required" $service) $secret.name | quote }}
    items: [{ key: {{ $secret.key | default "token" | quote }}, path: token }]
{{- end -}}

{{/* Pod spec lines every service shares: service account, pull secrets, pod security. */}}
{{- define "millstream.podCommon" -}}
serviceAccountName: {{ include "millstream.fullname" . }}
automountServiceAccountToken: false
{{- with .Values.imagePullSecrets }}
imagePullSecrets: {{- toYaml . | nindent 2 }}
{{- end }}
{{ include "millstream.podSecurity" . }}
{{- end -}}

{{/* The reports volume: the operator's claim, or the one reports.yaml makes. */}}
{{- define "millstream.reportsClaim" -}}
{{- .Values.reports.persistence.existingClaim | default (printf "%s-reports" (include "millstream.fullname" .)) -}}
{{- end -}}
