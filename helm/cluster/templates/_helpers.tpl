{{/*
Names, labels and shared pod pieces. Every helper is namespaced `cluster.` so a parent chart
can include this one without clashes.
*/}}

{{/* The chart name, or nameOverride. */}}
{{- define "cluster.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 40 | trimSuffix "-" -}}
{{- end -}}

{{/*
The resource name prefix: `<release>-<chart>`, or the release name alone when it already
contains the chart name. Truncated to 40 characters so suffixes such as `-silo-<pool>` still fit
in a 63-character DNS label.
*/}}
{{- define "cluster.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* `chart-version` for the helm.sh/chart label. */}}
{{- define "cluster.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels that select a release's pods; pass a dict with `ctx` and optional `component`. */}}
{{- define "cluster.selectorLabels" -}}
app.kubernetes.io/name: {{ include "cluster.name" .ctx }}
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
{{- with .component }}
app.kubernetes.io/component: {{ . }}
{{- end }}
{{- end -}}

{{/* Every resource's labels; pass a dict with `ctx` and optional `component`. */}}
{{- define "cluster.labels" -}}
helm.sh/chart: {{ include "cluster.chart" .ctx }}
{{ include "cluster.selectorLabels" . }}
app.kubernetes.io/version: {{ .ctx.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .ctx.Release.Service }}
app.kubernetes.io/part-of: {{ include "cluster.name" .ctx }}
{{- with .ctx.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Orleans' Kubernetes contract: the labels every silo pod carries. */}}
{{- define "cluster.orleansLabels" -}}
orleans/serviceId: {{ .Values.orleans.serviceId | quote }}
orleans/clusterId: {{ include "cluster.clusterId" . | quote }}
{{- end -}}

{{- define "cluster.clusterId" -}}
{{- default (include "cluster.fullname" .) .Values.orleans.clusterId -}}
{{- end -}}

{{- define "cluster.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "cluster.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* `registry/repository:tag`; pass a dict with `ctx`, `image` and `global` (apply imageRegistry). */}}
{{- define "cluster.image" -}}
{{- $tag := default .ctx.Chart.AppVersion .image.tag -}}
{{- if and .global .ctx.Values.imageRegistry -}}
{{- printf "%s/%s:%s" (trimSuffix "/" .ctx.Values.imageRegistry) .image.repository $tag -}}
{{- else -}}
{{- printf "%s:%s" .image.repository $tag -}}
{{- end -}}
{{- end -}}

{{- define "cluster.siloName" -}}
{{- printf "%s-silo" (include "cluster.fullname" .) -}}
{{- end -}}

{{/* The gateway's TLS Secret: the one named, else <gateway name>-tls (what the cert-manager Certificate writes). */}}
{{- define "cluster.gatewayTlsSecret" -}}
{{- .Values.gateway.tls.existingSecret | default (printf "%s-tls" (include "cluster.gatewayName" .)) -}}
{{- end -}}

{{- define "cluster.gatewayName" -}}
{{- printf "%s-gateway" (include "cluster.fullname" .) -}}
{{- end -}}

{{- define "cluster.azuriteName" -}}
{{- printf "%s-azurite" (include "cluster.fullname" .) -}}
{{- end -}}

{{- define "cluster.modelRepositoryClaimName" -}}
{{- default (printf "%s-models" (include "cluster.fullname" .)) .Values.modelRepository.persistentVolumeClaim.existingClaim -}}
{{- end -}}

{{/*
Storage: Azurite (dev), then a chart-made Secret from storage.connectionString (dev), then
storage.existingSecret. `cluster.storageSecretCreated` is "true" when the chart owns the Secret.
*/}}
{{- define "cluster.storageSecretCreated" -}}
{{- if or .Values.azurite.enabled .Values.storage.connectionString -}}true{{- end -}}
{{- end -}}

{{- define "cluster.storageSecretName" -}}
{{- if include "cluster.storageSecretCreated" . -}}
{{- printf "%s-storage" (include "cluster.fullname" .) -}}
{{- else -}}
{{- required "storage.existingSecret is required: name a Secret holding the Azure Storage connection string, or set azurite.enabled=true for development" .Values.storage.existingSecret -}}
{{- end -}}
{{- end -}}

{{- define "cluster.storageSecretKey" -}}
{{- if include "cluster.storageSecretCreated" . -}}connectionString{{- else -}}{{ .Values.storage.existingSecretKey }}{{- end -}}
{{- end -}}

{{/* Azurite's well-known development account (public, documented by Microsoft). */}}
{{- define "cluster.azuriteConnectionString" -}}
{{- $host := include "cluster.azuriteName" . -}}
{{- printf "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://%s:%d/devstoreaccount1;TableEndpoint=http://%s:%d/devstoreaccount1;" $host (int .Values.azurite.blobPort) $host (int .Values.azurite.tablePort) -}}
{{- end -}}

{{/* Fails rendering on value combinations the schema cannot express. */}}
{{- define "cluster.validate" -}}
{{- if lt (sub (int .Values.gateway.terminationGracePeriodSeconds) (int .Values.gateway.preStopSleepSeconds)) 10 -}}
{{- fail "gateway.terminationGracePeriodSeconds must exceed gateway.preStopSleepSeconds by at least 10 s: the drain and final flush need that time after the preStop sleep" -}}
{{- end -}}
{{- if and .Values.azurite.enabled .Values.storage.connectionString -}}
{{- fail "azurite.enabled and storage.connectionString are exclusive: Azurite supplies the connection string" -}}
{{- end -}}
{{- $ports := list (int .Values.gateway.httpPort) (int .Values.gateway.grpcPort) (int .Values.gateway.metricsPort) -}}
{{- if ne (len (uniq $ports)) 3 -}}
{{- fail "gateway.httpPort, gateway.grpcPort and gateway.metricsPort must differ" -}}
{{- end -}}
{{- $silo := list (int .Values.orleans.siloPort) (int .Values.orleans.gatewayPort) (int .Values.silo.metricsPort) -}}
{{- if ne (len (uniq $silo)) 3 -}}
{{- fail "orleans.siloPort, orleans.gatewayPort and silo.metricsPort must differ" -}}
{{- end -}}
{{- if and .Values.gateway.autoscaling.enabled (gt (int .Values.gateway.autoscaling.minReplicas) (int .Values.gateway.autoscaling.maxReplicas)) -}}
{{- fail "gateway.autoscaling.minReplicas must not exceed gateway.autoscaling.maxReplicas" -}}
{{- end -}}
{{- if not (include "cluster.enabledPools" . | fromJsonArray) -}}
{{- fail "silo.pools must enable at least one pool" -}}
{{- end -}}
{{- end -}}

{{/* Names of the enabled silo pools, sorted, as a JSON array. */}}
{{- define "cluster.enabledPools" -}}
{{- $names := list -}}
{{- range $name, $pool := .Values.silo.pools -}}
{{- if or (not (hasKey $pool "enabled")) $pool.enabled -}}
{{- $names = append $names $name -}}
{{- end -}}
{{- end -}}
{{- $names | sortAlpha | toJson -}}
{{- end -}}

{{/*
A pool with defaults for its missing keys (filled key by key, so an explicit 0, false or empty
value stands), as YAML; pass a dict with `ctx` and `name`. A pool with `gpus` > 0 takes its
missing keys from `silo.gpuPoolDefaults` first (node selector, tolerations, RuntimeClass, one at a
time rollout). `devices` defaults to `cuda:0..N-1` for a pool with N GPUs, else `cpu`.
*/}}
{{- define "cluster.pool" -}}
{{- $raw := index .ctx.Values.silo.pools .name -}}
{{- $defaults := dict "enabled" true "replicas" 1 "devices" "" "gpus" 0 "intraOpThreads" 0 "runtimeClassName" "" "resources" (dict) "nodeSelector" (dict) "tolerations" (list) "podAntiAffinity" "soft" "maxSurge" 1 "maxUnavailable" 0 "env" (list) -}}
{{- $pool := deepCopy (default (dict) $raw) -}}
{{- if gt (int (default 0 $pool.gpus)) 0 -}}
{{- range $key, $value := deepCopy (default (dict) .ctx.Values.silo.gpuPoolDefaults) -}}
{{- $_ := set $defaults $key $value -}}
{{- end -}}
{{- end -}}
{{- range $key, $value := $defaults -}}
{{- if not (hasKey $pool $key) -}}
{{- $_ := set $pool $key $value -}}
{{- end -}}
{{- end -}}
{{- if not $pool.devices -}}
{{- if gt (int $pool.gpus) 0 -}}
{{- $devices := list -}}
{{- range $i := until (int $pool.gpus) -}}
{{- $devices = append $devices (printf "cuda:%d" $i) -}}
{{- end -}}
{{- $_ := set $pool "devices" (join "," $devices) -}}
{{- else -}}
{{- $_ := set $pool "devices" "cpu" -}}
{{- end -}}
{{- end -}}
{{- toYaml $pool -}}
{{- end -}}

{{/* The image of a pool: `silo.cudaImage` when it has GPUs, else `silo.image`; pass the pool (from cluster.pool) and `ctx`. */}}
{{- define "cluster.poolImage" -}}
{{- if gt (int .pool.gpus) 0 -}}{{ toYaml .ctx.Values.silo.cudaImage }}{{- else -}}{{ toYaml .ctx.Values.silo.image }}{{- end -}}
{{- end -}}

{{/* A pool's resources with `nvidia.com/gpu` added to requests and limits from `gpus`. */}}
{{- define "cluster.poolResources" -}}
{{- $res := deepCopy (default (dict) .resources) -}}
{{- if gt (int .gpus) 0 -}}
{{- $limits := default (dict) $res.limits -}}
{{- $requests := default (dict) $res.requests -}}
{{- $_ := set $limits "nvidia.com/gpu" (int .gpus) -}}
{{- $_ := set $requests "nvidia.com/gpu" (int .gpus) -}}
{{- $_ := set $res "limits" $limits -}}
{{- $_ := set $res "requests" $requests -}}
{{- end -}}
{{- toYaml $res -}}
{{- end -}}

{{/* Pod anti-affinity over nodes; pass a dict with `mode` and `labels` (a YAML selector). */}}
{{- define "cluster.podAntiAffinity" -}}
{{- if eq .mode "hard" -}}
podAntiAffinity:
  requiredDuringSchedulingIgnoredDuringExecution:
    - topologyKey: kubernetes.io/hostname
      labelSelector:
        matchLabels:
          {{- .labels | nindent 10 }}
{{- else if eq .mode "soft" -}}
podAntiAffinity:
  preferredDuringSchedulingIgnoredDuringExecution:
    - weight: 100
      podAffinityTerm:
        topologyKey: kubernetes.io/hostname
        labelSelector:
          matchLabels:
            {{- .labels | nindent 12 }}
{{- end -}}
{{- end -}}

{{/* Downward-API identity of the pod. */}}
{{- define "cluster.podIdentityEnv" -}}
- name: POD_NAME
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
- name: POD_NAMESPACE
  valueFrom:
    fieldRef:
      fieldPath: metadata.namespace
- name: POD_IP
  valueFrom:
    fieldRef:
      fieldPath: status.podIP
{{- end -}}

{{/*
.NET runtime settings for the hosts. DOTNET_TC_CallCountingDelayMs=0 starts tiering hot methods up
at once instead of after 100 ms of start-up quiet, so the first seconds after a pod turns ready
serve within 2x of steady latency (docs/performance.md, "The first minute"). Only the environment
can set it. Override with extraEnv.
*/}}
{{- define "cluster.runtimeEnv" -}}
- name: DOTNET_TC_CallCountingDelayMs
  value: "0"
{{- end -}}

{{/* Tracing settings shared by silos and gateways (only when telemetry.otlpEndpoint is set). */}}
{{- define "cluster.telemetryEnv" -}}
- name: Telemetry__OtlpEndpoint
  value: {{ .Values.telemetry.otlpEndpoint | quote }}
- name: Telemetry__OtlpProtocol
  value: {{ .Values.telemetry.otlpProtocol | quote }}
- name: Telemetry__SamplingRatio
  value: {{ .Values.telemetry.samplingRatio | quote }}
{{- end -}}

{{/* Orleans membership settings shared by silos and gateways. */}}
{{- define "cluster.membershipEnv" -}}
- name: Cluster__Provider
  value: AzureTable
- name: Cluster__ConnectionString
  valueFrom:
    secretKeyRef:
      name: {{ include "cluster.storageSecretName" . }}
      key: {{ include "cluster.storageSecretKey" . }}
- name: Cluster__ClusterId
  value: {{ include "cluster.clusterId" . | quote }}
- name: Cluster__ServiceId
  value: {{ .Values.orleans.serviceId | quote }}
- name: Cluster__SiloPort
  value: {{ .Values.orleans.siloPort | quote }}
- name: Cluster__GatewayPort
  value: {{ .Values.orleans.gatewayPort | quote }}
- name: Cluster__Tls__CertificateFile
  value: /etc/cluster/orleans-tls/tls.crt
- name: Cluster__Tls__KeyFile
  value: /etc/cluster/orleans-tls/tls.key
- name: Cluster__Tls__CaFile
  value: /etc/cluster/orleans-tls/ca.crt
{{- end -}}

{{/* A shutdown timeout 5 s under a termination grace period (seconds), as hh:mm:ss. */}}
{{- define "cluster.shutdownTimeout" -}}
{{- $t := max 1 (sub (int .) 5) -}}
{{- printf "%02d:%02d:%02d" (div $t 3600) (mod (div $t 60) 60) (mod $t 60) -}}
{{- end -}}

{{/* The Secret holding the Orleans member certificate and the cluster CA. */}}
{{- define "cluster.orleansTlsSecret" -}}
{{- .Values.orleans.tls.existingSecret | default (printf "%s-orleans-tls" (include "cluster.fullname" .)) -}}
{{- end -}}

{{/*
Pod annotations: a checksum of the chart-made storage Secret (so a new connection string rolls
the pods) and the user's own; pass a dict with `ctx` and `annotations`. Empty when there are none.
*/}}
{{- define "cluster.podAnnotations" -}}
{{- $annotations := deepCopy (default (dict) .annotations) -}}
{{- if include "cluster.storageSecretCreated" .ctx -}}
{{- $_ := set $annotations "checksum/storage" (include (print .ctx.Template.BasePath "/storage-secret.yaml") .ctx | sha256sum) -}}
{{- end -}}
{{- with $annotations -}}
{{- toYaml . -}}
{{- end -}}
{{- end -}}

{{- define "cluster.podSecurityContext" -}}
{{- toYaml .Values.podSecurityContext -}}
{{- end -}}

{{- define "cluster.containerSecurityContext" -}}
{{- toYaml .Values.containerSecurityContext -}}
{{- end -}}

{{/* The pod's imagePullSecrets field, or nothing. */}}
{{- define "cluster.imagePullSecrets" -}}
{{- with .Values.imagePullSecrets -}}
imagePullSecrets:
{{- range . }}
  - name: {{ . }}
{{- end }}
{{- end -}}
{{- end -}}
