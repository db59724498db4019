// Command influxql-ref is the reference side of the gateway's InfluxQL differential test: built
// against influxql 1.1.0 (the version Debian's influxd 1.6.7 is built with), it answers, for each
// query, what influxd 1.6.7's /query handler decides before it executes anything.
//
// Protocol: one JSON object per stdin line, {"q": <q as sent>, "params": <raw params or null>};
// exactly one JSON line on stdout per input line, flushed at once, in input order:
//
//	{"status":400,"error":"..."}                 the handler's 400 and its error text
//	{"status":200,"statements":[...]}            the parsed statements (see statementOut)
//	{"status":500,"error":"panic: ..."}          the parser panicked (influxd would answer 500)
//	{"status":500,"error":"bad input line: ..."} the line was not a case; a harness bug
//
// The steps and texts follow services/httpd/handler.go (serveQuery) of InfluxDB 1.6.x, checked
// against a running influxd 1.6.7: q is trimmed of Unicode white space; params is decoded as one
// JSON value (text after it is ignored, as influxd ignores it); q is parsed with the bound values.
// One deliberate difference: handler.go converts the top-level json.Number values in map order, so
// when two of them fail its error names either one; here the keys are visited in sorted order so
// an answer never varies between runs.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"reflect"
	"sort"
	"strings"

	"github.com/influxdata/influxql"
)

type caseIn struct {
	Q      string  `json:"q"`
	Params *string `json:"params"`
}

type errorOut struct {
	Status int    `json:"status"`
	Error  string `json:"error"`
}

type okOut struct {
	Status     int            `json:"status"`
	Statements []statementOut `json:"statements"`
}

type statementOut struct {
	Type            string           `json:"type"`
	String          string           `json:"string"`
	DefaultDatabase string           `json:"default_database"`
	Measurements    []measurementOut `json:"measurements"`
	Privileges      []privilegeOut   `json:"privileges"`
	PrivilegesError string           `json:"privileges_error,omitempty"`
}

type measurementOut struct {
	DB     string `json:"db"`
	RP     string `json:"rp"`
	Name   string `json:"name"`
	Regex  string `json:"regex"`
	Target bool   `json:"target"`
}

type privilegeOut struct {
	Admin     bool   `json:"admin"`
	Name      string `json:"name"`
	Privilege string `json:"privilege"`
}

func main() {
	in := bufio.NewReaderSize(os.Stdin, 1<<20)
	out := bufio.NewWriter(os.Stdout)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	for {
		line, err := in.ReadString('\n')
		if line != "" { // "" only at end of input; every line read gets its answer
			if encErr := enc.Encode(answerLine(line)); encErr != nil {
				_ = enc.Encode(errorOut{500, "encoding answer: " + encErr.Error()})
			}
			if out.Flush() != nil {
				os.Exit(1)
			}
		}
		if err == io.EOF {
			return
		} else if err != nil {
			fmt.Fprintln(os.Stderr, "influxql-ref: reading stdin:", err)
			os.Exit(1)
		}
	}
}

// answerLine never panics: a panic anywhere in the parser becomes a 500 answer.
func answerLine(line string) (answer interface{}) {
	defer func() {
		if r := recover(); r != nil {
			answer = errorOut{500, fmt.Sprintf("panic: %v", r)}
		}
	}()
	var c caseIn
	if err := json.Unmarshal([]byte(line), &c); err != nil {
		return errorOut{500, "bad input line: " + err.Error()}
	}
	return decide(c)
}

// decide follows serveQuery: q, then params, then ParseQuery.
func decide(c caseIn) interface{} {
	q := strings.TrimSpace(c.Q)
	if q == "" {
		return errorOut{400, `missing required parameter "q"`}
	}
	p := influxql.NewParser(strings.NewReader(q))
	if c.Params != nil && *c.Params != "" {
		params, msg := decodeParams(*c.Params)
		if msg != "" {
			return errorOut{400, msg}
		}
		p.SetParams(params)
	}
	query, err := p.ParseQuery()
	if err != nil {
		return errorOut{400, "error parsing query: " + err.Error()}
	}
	stmts := make([]statementOut, 0, len(query.Statements))
	for _, s := range query.Statements {
		stmts = append(stmts, describe(s))
	}
	return okOut{200, stmts}
}

// decodeParams returns the handler's error text, or "" with the params SetParams receives.
func decodeParams(raw string) (map[string]interface{}, string) {
	var params map[string]interface{}
	decoder := json.NewDecoder(strings.NewReader(raw))
	decoder.UseNumber()
	if err := decoder.Decode(&params); err != nil {
		return nil, "error parsing query parameters: " + err.Error()
	}
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if v, ok := params[k].(json.Number); ok {
			var err error
			if strings.Contains(string(v), ".") {
				params[k], err = v.Float64()
			} else {
				params[k], err = v.Int64()
			}
			if err != nil {
				return nil, "error parsing json value: " + err.Error()
			}
		}
	}
	return params, ""
}

func describe(s influxql.Statement) statementOut {
	out := statementOut{
		Type:         typeName(s),
		String:       s.String(),
		Measurements: measurements(s),
		Privileges:   []privilegeOut{},
	}
	if d, ok := s.(influxql.HasDefaultDatabase); ok {
		out.DefaultDatabase = d.DefaultDatabase()
	}
	privs, err := s.RequiredPrivileges()
	if err != nil {
		out.PrivilegesError = err.Error()
	}
	for _, p := range privs {
		out.Privileges = append(out.Privileges, privilegeOut{p.Admin, p.Name, p.Privilege.String()})
	}
	return out
}

func typeName(v interface{}) string {
	t := reflect.TypeOf(v)
	for t.Kind() == reflect.Ptr {
		t = t.Elem()
	}
	return t.Name()
}

// measurements lists every *Measurement in WalkFunc order; SHOW MEASUREMENTS keeps its
// WITH MEASUREMENT source outside the walk, so it is appended.
func measurements(s influxql.Statement) []measurementOut {
	list := []measurementOut{}
	add := func(n influxql.Node) {
		if m, ok := n.(*influxql.Measurement); ok && m != nil {
			regex := ""
			if m.Regex != nil && m.Regex.Val != nil {
				regex = m.Regex.Val.String()
			}
			list = append(list, measurementOut{m.Database, m.RetentionPolicy, m.Name, regex, m.IsTarget})
		}
	}
	influxql.WalkFunc(s, add)
	if show, ok := s.(*influxql.ShowMeasurementsStatement); ok && show.Source != nil {
		add(show.Source)
	}
	return list
}
