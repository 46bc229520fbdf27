# Inventory status: the verdict on every item of the evidence inventory
# (`tlsfloor evidence`), not only on the ones that fail a rule. For each fact
# an auditor must see, `items` says whether it is compliant, non-compliant
# or unknown, why, which rules judged it, and what to do.
#
# Evaluated per file, like the rules, on that file's facts plus the findings
# the rules made on them: `input.findings` is `[{fact, rule_id, level}]`
# (fact = index into the file's facts). Non-compliant means a rule reported
# the item (or, for a mail client in code, the TLS setting it uses);
# compliant means the facts show that the item can negotiate TLS 1.2 or
# later; unknown is everything else, and is listed, never dropped.
package tlsfloor.status

import data.tlsfloor.lib
import data.tlsfloor.rules.tls003
import data.tlsfloor.rules.tls004
import rego.v1

# Kinds that are always inventory items: mail clients, the TLS settings
# they may use, runtimes, endpoint mentions and devices.
item_kinds := {"connection", "mail_usage", "tls_setting", "runtime", "endpoint_reference", "device"}

# The rule a compliant item passed, for SARIF `kind: pass` results.
pass_rule := {
	"connection": "TLS001",
	"mail_usage": "TLS001",
	"tls_setting": "TLS001",
	"component": "TLS003",
	"runtime": "TLS004",
}

wide_scopes := {"process", "system"}

items contains item if {
	some file in input.files
	some i, fact in file.facts
	inventory_fact(i, fact)
	v := verdict(file, i, fact)
	item := {
		"fact": i,
		"status": v.status,
		"reason": v.reason,
		"rules": v.rules,
		"pass_rule": pass_rule_of(v, fact),
		"range": range(fact),
		"remedy": remedy_of(v, fact),
	}
}

inventory_fact(_, fact) if fact.kind in item_kinds

# Components are items when they are a TLS library the data knows.
inventory_fact(_, fact) if {
	fact.kind == "component"
	count(tls003.libraries(fact.component)) > 0
}

inventory_fact(i, _) if count(own_rules(i)) > 0

# own_rules(i): the rules that reported fact i.
own_rules(i) := sort({f.rule_id | some f in input.findings; f.fact == i})

# inherited_rules(file, usage): the rules that reported a TLS setting this
# mail client uses.
inherited_rules(file, usage) := sort({f.rule_id |
	usage.kind == "mail_usage"
	usage.binding != null
	some f in input.findings
	s := file.facts[f.fact]
	s.kind == "tls_setting"
	lib.reaches(file, s, usage)
})

verdict(file, i, fact) := {
	"status": "non-compliant",
	"rules": own_rules(i),
	"reason": sprintf("reported by %s", [concat(", ", own_rules(i))]),
} if {
	count(own_rules(i)) > 0
} else := {
	"status": "non-compliant",
	"rules": inherited_rules(file, fact),
	"reason": sprintf("uses TLS context %s, which is reported by %s", [fact.binding, concat(", ", inherited_rules(file, fact))]),
} if {
	count(inherited_rules(file, fact)) > 0
} else := {
	"status": "compliant",
	"rules": [pass_rule_for(fact)],
	"reason": compliant_reason(file, fact),
} if {
	compliant(file, fact)
} else := {
	"status": "unknown",
	"rules": [],
	"reason": unknown_reason(file, fact),
}

pass_rule_for(fact) := "TLS006" if {
	fact.kind == "tls_setting"
	fact.scope in wide_scopes
} else := pass_rule[fact.kind]

pass_rule_of(v, fact) := pass_rule_for(fact) if v.status == "compliant"

pass_rule_of(v, _) := null if v.status != "compliant"

remedy_of(v, _) := null if v.status == "compliant"

remedy_of(v, fact) := lib.remedy(remedy_key(fact)) if v.status != "compliant"

remedy_key(fact) := "component" if fact.kind == "component"

remedy_key(fact) := "endpoint" if fact.kind == "endpoint_reference"

remedy_key(fact) := fact.client if not fact.kind in {"component", "endpoint_reference"}

range(fact) := lib.range_text(fact.tls) if {
	fact.tls != null
	fact.tls.basis != "unknown"
	lib.range_text(fact.tls)
} else := "unknown"

# --- compliant -------------------------------------------------------------

# range_ok(tls): a known range whose upper end reaches the required minimum.
range_ok(tls) if {
	tls != null
	tls.basis in {"explicit", "default"}
	tls.max != null
	lib.meets_required(tls.max)
}

range_ok(tls) if {
	tls != null
	tls.basis in {"explicit", "default"}
	tls.max == null
	tls.min != null
}

uses_tls(fact) if fact.tls_mode in {"implicit", "starttls"}

compliant(_, fact) if {
	fact.kind == "connection"
	uses_tls(fact)
	range_ok(fact.tls)
}

compliant(_, fact) if {
	fact.kind == "tls_setting"
	range_ok(fact.tls)
}

compliant(file, fact) if {
	fact.kind == "mail_usage"
	uses_tls(fact)
	count(usage_settings(file, fact)) > 0
	every s in usage_settings(file, fact) {
		range_ok(s.tls)
	}
}

compliant(_, fact) if {
	fact.kind == "component"
	fact.component.version != null
	keys := tls003.libraries(fact.component)
	count(keys) > 0
	every key in keys {
		tlsfloor.compare_versions(fact.component.version, data.tlsfloor.components[key].tls12_from) >= 0
	}
}

compliant(_, fact) if runtime_default_ok(fact)

compliant(file, fact) if {
	fact.kind == "runtime"
	tls004.explicit_setting(file)
}

runtime_default_ok(fact) if {
	fact.kind == "runtime"
	fact.component.version != null
	runtime := data.tlsfloor.runtimes[lower(fact.component.name)]
	tlsfloor.compare_versions(fact.component.version, runtime.default_tls12_from) >= 0
}

# usage_settings(file, usage): the TLS settings bound to the context a mail
# client passes, when this file builds that context.
usage_settings(file, usage) := [s |
	usage.binding != null
	usage.binding in lib.bindings(file)
	some s in file.facts
	s.kind == "tls_setting"
	s.binding == usage.binding
]

compliant_reason(file, fact) := sprintf("%s allows %s%s: it can negotiate TLS 1.2 or later", [lib.client_name(fact), range(fact), lib.target(fact)]) if {
	fact.kind in {"connection", "tls_setting"}
} else := sprintf("%s%s uses TLS context %s, which allows %s", [lib.client_name(fact), lib.target(fact), fact.binding, concat("; ", [range(s) | some s in usage_settings(file, fact)])]) if {
	fact.kind == "mail_usage"
} else := sprintf("%s %s supports TLS 1.2", [fact.component.name, fact.component.version]) if {
	fact.kind == "component"
} else := sprintf("%s %s defaults to TLS 1.2 or later", [fact.component.name, fact.component.version]) if {
	runtime_default_ok(fact)
} else := sprintf("%s %s defaults to older TLS, but this file sets TLS 1.2 or later explicitly", [fact.component.name, object.get(fact.component, "version", "")])

# --- unknown ---------------------------------------------------------------

unknown_reason(file, fact) := sprintf("%s%s connects without TLS; no rule requires TLS for this server", [lib.client_name(fact), lib.target(fact)]) if {
	fact.kind in {"connection", "mail_usage"}
	fact.tls_mode == "none"
} else := sprintf("%s%s: the TLS version range cannot be determined from this file (it depends on the client's version, build or runtime); confirm TLS 1.2 support with the vendor or a test connection", [lib.client_name(fact), lib.target(fact)]) if {
	fact.kind in {"connection", "tls_setting"}
	not range_ok(fact.tls)
	not known_low(fact.tls)
} else := sprintf("%s allows %s but reaches no mail client in this file (scope mail); run with --scope all to judge it", [lib.client_name(fact), range(fact)]) if {
	fact.kind == "tls_setting"
} else := sprintf("%s allows %s%s, but the file does not say whether it uses TLS", [lib.client_name(fact), range(fact), lib.target(fact)]) if {
	fact.kind == "connection"
} else := sprintf("%s%s uses its library's default TLS context: the version range depends on the runtime; confirm it negotiates TLS 1.2", [lib.client_name(fact), lib.target(fact)]) if {
	fact.kind == "mail_usage"
	fact.binding == null
} else := sprintf("%s%s uses TLS context %s, which is built outside this file", [lib.client_name(fact), lib.target(fact), fact.binding]) if {
	fact.kind == "mail_usage"
	not fact.binding in lib.bindings(file)
} else := sprintf("%s%s: whether it uses TLS is not stated", [lib.client_name(fact), lib.target(fact)]) if {
	fact.kind == "mail_usage"
} else := sprintf("%s has no version: which TLS versions it supports is unknown", [fact.component.name]) if {
	fact.kind in {"component", "runtime"}
	fact.component.version == null
} else := sprintf("%s %s: its default TLS versions are not in the policy data", [fact.component.name, fact.component.version]) if {
	fact.kind == "runtime"
	not data.tlsfloor.runtimes[lower(fact.component.name)]
} else := sprintf("%s %s defaults to TLS below 1.2, and this file opens no mail client; review the programs built for it", [fact.component.name, fact.component.version]) if {
	fact.kind == "runtime"
} else := sprintf("names the Exchange Online endpoint %s%s; the TLS range of the client that uses it is not in this file", [fact.host, lib.port_text(fact)]) if {
	fact.kind == "endpoint_reference"
	fact.host != null
} else := "the TLS version range cannot be determined statically"

# known_low(tls): a known range that stops below the required minimum.
known_low(tls) if {
	tls != null
	tls.basis in {"explicit", "default"}
	tls.max != null
	lib.below_required(tls.max)
}
