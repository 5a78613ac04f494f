// Command gitops-health runs the health checks Argo CD and Flux apply to a resource, with the
// libraries those tools use, so that Sealwright's health rules are tested against the real
// evaluators rather than a re-implementation:
//
//	gitops-health argocd-lua SCRIPT OBJECT.json  Argo CD's Lua environment (gopher-lua): the
//	                                              script sees the object as the global obj and
//	                                              returns a table {status, message}
//	gitops-health kstatus OBJECT.json             kstatus (Flux's fork of cli-utils), what Flux's
//	                                              kustomize-controller uses for wait/healthChecks
//	gitops-health flux-cel CHECKS.json OBJECT.json Flux's healthCheckExprs, read the way
//	                                              kustomize-controller reads them
//	                                              (fluxcd/pkg/runtime/cel's status reader);
//	                                              CHECKS is a Kustomization's
//	                                              spec.healthCheckExprs list
//
// Each prints one JSON object {"status": ..., "message": ...} on stdout.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/fluxcd/cli-utils/pkg/kstatus/status"
	"github.com/fluxcd/pkg/apis/kustomize"
	"github.com/fluxcd/pkg/runtime/cel"
	lua "github.com/yuin/gopher-lua"
	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	k8sjson "k8s.io/apimachinery/pkg/util/json"
)

type result struct {
	Status  string `json:"status"`
	Message string `json:"message"`
}

func main() {
	if len(os.Args) < 3 {
		fail("usage: gitops-health argocd-lua SCRIPT OBJECT.json | kstatus OBJECT.json | flux-cel EXPRS.json OBJECT.json")
	}
	var r result
	var err error
	switch os.Args[1] {
	case "argocd-lua":
		r, err = argocdLua(os.Args[2], object(os.Args[3]))
	case "kstatus":
		r, err = kstatusOf(object(os.Args[2]))
	case "flux-cel":
		r, err = fluxCel(os.Args[2], object(os.Args[3]))
	default:
		fail("unknown check " + os.Args[1])
	}
	if err != nil {
		fail(err.Error())
	}
	out, _ := json.Marshal(r)
	fmt.Println(string(out))
}

func fail(message string) {
	fmt.Fprintln(os.Stderr, "gitops-health:", message)
	os.Exit(1)
}

func object(path string) map[string]any {
	data, err := os.ReadFile(path)
	if err != nil {
		fail(err.Error())
	}
	// As the API machinery decodes objects: whole numbers as int64, which kstatus requires.
	var obj map[string]any
	if err := k8sjson.Unmarshal(data, &obj); err != nil {
		fail(path + ": " + err.Error())
	}
	return obj
}

// argocdLua runs a health script the way Argo CD runs a resource.customizations.health script
// without useOpenLibs: only the package, base and table libraries are open (Argo CD adds a
// restricted os library, which Sealwright's script does not use), a one-second deadline, the
// object as the global obj, and the returned table read as a health status.
func argocdLua(scriptPath string, obj map[string]any) (result, error) {
	script, err := os.ReadFile(scriptPath)
	if err != nil {
		return result{}, err
	}
	l := lua.NewState(lua.Options{SkipOpenLibs: true})
	defer l.Close()
	for _, lib := range []struct {
		name string
		open lua.LGFunction
	}{
		{lua.LoadLibName, lua.OpenPackage},
		{lua.BaseLibName, lua.OpenBase},
		{lua.TabLibName, lua.OpenTable},
	} {
		if err := l.CallByParam(lua.P{Fn: l.NewFunction(lib.open), NRet: 0, Protect: true}, lua.LString(lib.name)); err != nil {
			return result{}, err
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	l.SetContext(ctx)
	l.SetGlobal("obj", toLua(l, obj))
	if err := l.DoString(string(script)); err != nil {
		return result{}, err
	}
	table, ok := l.Get(-1).(*lua.LTable)
	if !ok {
		return result{}, fmt.Errorf("the script returned %s, not a table", l.Get(-1).Type())
	}
	r := result{Status: lua.LVAsString(table.RawGetString("status")), Message: lua.LVAsString(table.RawGetString("message"))}
	switch r.Status {
	case "Healthy", "Progressing", "Degraded", "Suspended", "Missing", "Unknown":
		return r, nil
	}
	// Argo CD turns an unknown status code into Unknown with this message.
	return result{Status: "Unknown", Message: "Lua returned an invalid health status"}, nil
}

// toLua converts decoded JSON the way Argo CD hands objects to Lua: numbers as Lua numbers,
// arrays as sequences, objects as tables, null as nil.
func toLua(l *lua.LState, value any) lua.LValue {
	switch v := value.(type) {
	case bool:
		return lua.LBool(v)
	case float64:
		return lua.LNumber(v)
	case int64:
		return lua.LNumber(v)
	case string:
		return lua.LString(v)
	case []any:
		t := l.CreateTable(len(v), 0)
		for _, item := range v {
			t.Append(toLua(l, item))
		}
		return t
	case map[string]any:
		t := l.CreateTable(0, len(v))
		for key, item := range v {
			t.RawSetH(lua.LString(key), toLua(l, item))
		}
		return t
	}
	return lua.LNil
}

func kstatusOf(obj map[string]any) (result, error) {
	res, err := status.Compute(&unstructured.Unstructured{Object: obj})
	if err != nil {
		return result{}, err
	}
	return result{Status: res.Status.String(), Message: res.Message}, nil
}

func fluxCel(checksPath string, obj map[string]any) (result, error) {
	data, err := os.ReadFile(checksPath)
	if err != nil {
		return result{}, err
	}
	var checks []kustomize.CustomHealthCheck
	if err := json.Unmarshal(data, &checks); err != nil {
		return result{}, fmt.Errorf("%s: %w", checksPath, err)
	}
	newReader, err := cel.NewStatusReader(checks)
	if err != nil {
		return result{}, err
	}
	// A generic status reader needs neither the cluster nor the mapper for one object.
	reader := newReader(meta.NewDefaultRESTMapper(nil))
	res, err := reader.ReadStatusForObject(context.Background(), nil, &unstructured.Unstructured{Object: obj})
	if err != nil {
		return result{}, err
	}
	message := res.Message
	if res.Error != nil {
		message = res.Error.Error()
	}
	return result{Status: res.Status.String(), Message: message}, nil
}
