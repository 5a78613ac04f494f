{{/*
sealwright-values.sealedSecret renders one SealedSecret (sealwright.dev/v1) whose encryptedData is
a map of envelopes from the values, as `sealwright values seal` writes them. Helm never sees a key
or a plaintext: the operator opens the envelopes in the cluster.

Takes a dict:
  context         the chart's root context ($); required
  name            the SealedSecret's name, which is also the Secret's; required
  encryptedData   item -> envelope ("sw1:..."); required, every value an envelope
  namespace       default: the release namespace
  scope           strict (default), namespace or cluster: the scope the values were sealed with
  serviceAccount  the service account the values are bound to, if any
  type            the Secret's type (default Opaque)
  labels, annotations  for the Secret

The values must be sealed for this namespace and name (and scope, service account), e.g.
  sealwright values seal values.yaml --path sealedSecrets.db -n prod --name db
so a value copied into another release's SealedSecret does not open there.

  {{- include "sealwright-values.sealedSecret" (dict "context" $ "name" "db" "encryptedData" .Values.sealedSecrets.db) }}
*/}}
{{- define "sealwright-values.sealedSecret" -}}
{{- $name := required "sealwright-values.sealedSecret: name is required" .name -}}
{{- $data := required (printf "sealwright-values.sealedSecret %s: encryptedData is required" $name) .encryptedData -}}
{{- if not (kindIs "map" $data) -}}
{{- fail (printf "sealwright-values.sealedSecret %s: encryptedData must be a map of item to envelope" $name) -}}
{{- end -}}
{{- range $item, $envelope := $data -}}
{{- if not (and (kindIs "string" $envelope) (hasPrefix "sw1:" $envelope)) -}}
{{- /* Names the item only: the value may be a plaintext that must not reach a log. */ -}}
{{- fail (printf "sealwright-values.sealedSecret %s: item %s is not a sealed value (sw1:...); seal it with `sealwright values seal`" $name $item) -}}
{{- end -}}
{{- end -}}
{{- $scope := .scope | default "strict" -}}
{{- if not (has $scope (list "strict" "namespace" "cluster")) -}}
{{- fail (printf "sealwright-values.sealedSecret %s: scope must be strict, namespace or cluster" $name) -}}
{{- end -}}
apiVersion: sealwright.dev/v1
kind: SealedSecret
metadata:
  name: {{ $name }}
  namespace: {{ .namespace | default .context.Release.Namespace }}
spec:
  scope: {{ $scope }}
  {{- with .serviceAccount }}
  serviceAccount: {{ . }}
  {{- end }}
  encryptedData:
    {{- range $item, $envelope := $data }}
    {{ $item | quote }}: {{ $envelope | quote }}
    {{- end }}
  template:
    {{- if or .labels .annotations }}
    metadata:
      {{- with .labels }}
      labels:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .annotations }}
      annotations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
    {{- end }}
    type: {{ .type | default "Opaque" }}
{{- end -}}
