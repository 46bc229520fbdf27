# Fact builders for the policy tests: one place that knows the facts shape,
# so each rule test states only what differs.
package tlsfloor.test.fixtures

import rego.v1

loc(line) := {"line": line, "column": 1, "end_line": line, "end_column": 10}

# fact(kind, overrides): a fact with every field unknown, then overrides.
fact(kind, overrides) := object.union(
	{
		"kind": kind,
		"client": null,
		"protocol": null,
		"host": null,
		"port": null,
		"tls_mode": null,
		"tls": null,
		"scope": null,
		"setting": null,
		"binding": null,
		"component": null,
		"location": loc(1),
		"evidence": "",
		"related": [],
	},
	overrides,
)

connection(min, max, overrides) := fact("connection", object.union(
	{
		"client": "mbsync",
		"protocol": "imap",
		"host": "outlook.office365.com",
		"port": 993,
		"tls_mode": "implicit",
		"tls": {"min": min, "max": max, "basis": "explicit"},
	},
	overrides,
))

# doc(facts) / doc_scope(facts, scope): a facts document with one file.
doc(facts) := doc_scope(facts, "mail")

doc_scope(facts, scope) := {
	"schema": "tlsfloor.facts/1",
	"settings": {"scope": scope},
	"files": [{"path": "f", "format": "test", "sha256": "", "facts": facts}],
}
