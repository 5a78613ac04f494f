{{/* The name of the operator's ServiceAccount, Roles, Deployment and the prefix of its Service. */}}
{{- define "sealwright.name" -}}
sealwright-operator
{{- end }}

{{/* Labels of every object of the install. */}}
{{- define "sealwright.labels" -}}
app.kubernetes.io/name: {{ include "sealwright.name" . }}
app.kubernetes.io/part-of: sealwright
{{- end }}

{{/* The pods the Deployment and the metrics Service select. */}}
{{- define "sealwright.selector" -}}
app.kubernetes.io/name: {{ include "sealwright.name" . }}
{{- end }}

{{/*
Rules for reconciling SealedSecrets into Secrets, granted cluster-wide by the ClusterRole or in
each watched namespace by a Role. Every rule says why it is there (docs/operator.md, RBAC).
*/}}
{{- define "sealwright.reconcileRules" -}}
# Read the SealedSecrets to reconcile (informer: list and watch; get on conflicts).
- apiGroups: [sealwright.dev]
  resources: [sealedsecrets]
  verbs: [get, list, watch]
# Add and remove the patch-cleanup finalizer on SealedSecrets labelled sealwright.dev/patch=true
# (their finalizers are the only thing of a SealedSecret's own object that is ever changed).
- apiGroups: [sealwright.dev]
  resources: [sealedsecrets]
  verbs: [patch, update]
# Write the Ready condition.
- apiGroups: [sealwright.dev]
  resources: [sealedsecrets/status]
  verbs: [patch, update]
# Secrets: watch the ones we manage (RBAC cannot filter by label, so list and watch), get a
# Secret of the same name to detect conflicts, create and update the generated Secret, delete it
# only to recreate it when its type changes or it is immutable.
- apiGroups: [""]
  resources: [secrets]
  verbs: [get, list, watch, create, update, delete]
# Record Events with the documented reasons.
- apiGroups: [""]
  resources: [events]
  verbs: [create, patch]
{{- end }}
