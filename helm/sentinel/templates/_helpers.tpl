{{/* The chart name, at most 63 characters. */}}
{{- define "sentinel.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The name prefix of every object: the release name, followed by the chart name unless the release name already
contains it; at most 63 characters (the limit of a DNS label and of a label value).
*/}}
{{- define "sentinel.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Name of a component's objects: "<fullname>-<component>" within 63 characters. The fullname is cut, never the
component, so that two components never end up with the same name. Call with (list . "operator").
*/}}
{{- define "sentinel.componentName" -}}
{{- $root := index . 0 }}
{{- $component := index . 1 }}
{{- $prefix := include "sentinel.fullname" $root | trunc (int (sub 62 (len $component))) | trimSuffix "-" }}
{{- printf "%s-%s" $prefix $component }}
{{- end }}

{{- define "sentinel.operatorName" -}}
{{- include "sentinel.componentName" (list . "operator") }}
{{- end }}

{{- define "sentinel.modelServerName" -}}
{{- include "sentinel.componentName" (list . "model-server") }}
{{- end }}

{{/* Labels on every object. */}}
{{- define "sentinel.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ include "sentinel.name" . }}
app.kubernetes.io/instance: {{ .Release.Name | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: sentinel
{{- end }}

{{/*
Selector labels of a component. Call with (list . "operator"). A Deployment's selector is immutable: changing these
breaks "helm upgrade" of every installed release. k8s/ carries the same three labels for release "sentinel", so that
"helm install sentinel" adopts objects applied with kubectl (docs/deploy.md, "From the plain manifests to Helm").
*/}}
{{- define "sentinel.selectorLabels" -}}
{{- $root := index . 0 }}
app.kubernetes.io/name: {{ include "sentinel.name" $root }}
app.kubernetes.io/instance: {{ $root.Release.Name | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end }}

{{/* Labels of a component's objects. Call with (list . "operator"). */}}
{{- define "sentinel.componentLabels" -}}
{{ include "sentinel.labels" (index . 0) }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end }}

{{/* An image reference "<registry>/<repository>:<tag>". Call with (list . .Values.operator.image). */}}
{{- define "sentinel.image" -}}
{{- $root := index . 0 }}
{{- $image := index . 1 }}
{{- $tag := $image.tag | default $root.Values.image.tag | default $root.Chart.AppVersion }}
{{- if $root.Values.image.registry }}
{{- printf "%s/%s:%s" (trimSuffix "/" $root.Values.image.registry) $image.repository $tag }}
{{- else }}
{{- printf "%s:%s" $image.repository $tag }}
{{- end }}
{{- end }}

{{/*
The model server's disruption budget as YAML, "minAvailable: X" or "maxUnavailable: X", or "" when it would let no pod be
evicted at the lowest replica count (autoscaling.minReplicas, else replicas): a drain would then wait forever.
Kubernetes rounds a percentage up, for both fields.
*/}}
{{- define "sentinel.modelServerDisruptionBudget" -}}
{{- $m := .Values.modelServer }}
{{- $pdb := $m.podDisruptionBudget }}
{{- $replicas := int (ternary $m.autoscaling.minReplicas $m.replicas $m.autoscaling.enabled) }}
{{- if hasKey $pdb "minAvailable" }}
{{- $required := 0 }}
{{- if kindIs "string" $pdb.minAvailable }}
{{- $percent := int (trimSuffix "%" $pdb.minAvailable) }}
{{- $required = div (add (mul $percent $replicas) 99) 100 }}
{{- else }}
{{- $required = int $pdb.minAvailable }}
{{- end }}
{{- if lt $required $replicas }}
{{- dict "minAvailable" $pdb.minAvailable | toYaml }}
{{- end }}
{{- else }}
{{- $maxUnavailable := dig "maxUnavailable" 1 $pdb }}
{{- $allowed := 0 }}
{{- if kindIs "string" $maxUnavailable }}
{{- $percent := int (trimSuffix "%" $maxUnavailable) }}
{{- $allowed = div (add (mul $percent $replicas) 99) 100 }}
{{- else }}
{{- $allowed = int $maxUnavailable }}
{{- end }}
{{- if gt $allowed 0 }}
{{- dict "maxUnavailable" $maxUnavailable | toYaml }}
{{- end }}
{{- end }}
{{- end }}
