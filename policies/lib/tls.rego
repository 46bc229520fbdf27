# Shared helpers for tlsfloor's rules: TLS version order, Exchange Online
# host names, mail scope, and message wording. Thresholds and host lists are
# data (policies/data/*.json), not constants here.
package tlsfloor.lib

import rego.v1

tls := data.tlsfloor.tls

exchange := data.tlsfloor.exchange_online

# rank(v): position of a version name in the order ("1.0" -> 2).
rank(v) := tls.order[v]

# below_required(v): the version is older than the required minimum.
below_required(v) if rank(v) < rank(tls.required_min)

# meets_required(v): the version is the required minimum or newer.
meets_required(v) if rank(v) >= rank(tls.required_min)

version_name(v) := tls.names[v]

version_name(null) := "an unknown version"

# range_text(r): "only TLS 1.0", "TLS 1.0 to 1.1", "TLS 1.0 and later".
range_text(r) := sprintf("only %s", [version_name(r.min)]) if {
	r.min != null
	r.min == r.max
}

range_text(r) := sprintf("%s to %s", [version_name(r.min), version_name(r.max)]) if {
	r.min != null
	r.max != null
	r.min != r.max
}

range_text(r) := sprintf("%s and later", [version_name(r.min)]) if {
	r.min != null
	r.max == null
}

range_text(r) := sprintf("up to %s", [version_name(r.max)]) if {
	r.min == null
	r.max != null
}

# exchange_host(h): h is an Exchange Online POP/IMAP/SMTP host.
exchange_host(h) if lower(h) in exchange.hosts

exchange_host(h) if {
	some suffix in exchange.host_suffixes
	endswith(lower(h), suffix)
}

# legacy_host(h): h is a retired opt-in legacy TLS endpoint.
legacy_host(h) if lower(h) in exchange.legacy_hosts

protocol_names := {"imap": "IMAP", "pop3": "POP3", "smtp": "SMTP", "unknown": "mail"}

# target(fact): " (IMAP to outlook.office365.com:993)" or "".
target(fact) := sprintf(" (%s to %s%s)", [protocol_names[object.get(fact, "protocol", "unknown")], fact.host, port_text(fact)]) if {
	fact.host != null
	fact.protocol != null
}

target(fact) := sprintf(" (%s)", [fact.host]) if {
	fact.host != null
	fact.protocol == null
}

target(fact) := sprintf(" (%s)", [protocol_names[fact.protocol]]) if {
	fact.host == null
	fact.protocol != null
}

target(fact) := "" if {
	fact.host == null
	fact.protocol == null
}

port_text(fact) := sprintf(":%d", [fact.port]) if fact.port != null

port_text(fact) := "" if fact.port == null

# exchange_note(fact): a sentence naming the Exchange Online change that
# affects the fact: POP3/IMAP4 (MC1293480) or SMTP AUTH (already enforced).
exchange_note(fact) := "Exchange Online refuses TLS 1.0 and 1.1 for POP3 and IMAP4 from 2026 (MC1293480)." if {
	exchange_fact(fact)
	fact.protocol != "smtp"
}

exchange_note(fact) := "Exchange Online already refuses TLS 1.0 and 1.1 for SMTP AUTH submission (since 2022), and for POP3 and IMAP4 from 2026 (MC1293480)." if {
	exchange_fact(fact)
	fact.protocol == "smtp"
}

exchange_note(fact) := "Exchange Online and most mail providers refuse TLS 1.0 and 1.1 (Exchange Online for POP3 and IMAP4 from 2026, MC1293480)." if {
	not exchange_fact(fact)
}

exchange_fact(fact) if {
	fact.host != null
	exchange_host(fact.host)
}

# remedy(client): the client's fix from data, or the general one.
remedy(client) := data.tlsfloor.remedies[client] if client != null

remedy(client) := data.tlsfloor.remedies["default"] if {
	not data.tlsfloor.remedies[client]
}

# explained(problem, remedy): the message fields of a finding. `message` is
# the whole sentence (SARIF, JSON); `problem` and `remedy` are its two parts,
# which the text output shows on lines of their own.
explained(problem, remedy) := {
	"message": sprintf("%s Fix: %s", [problem, remedy]),
	"problem": problem,
	"remedy": remedy,
}

# client_name(fact): the fact's client, or "the client".
client_name(fact) := fact.client if fact.client != null

client_name(fact) := "the client" if fact.client == null

# device_name(fact): "Northwind Imaging NX-4520, firmware 2XC_S000.002.271"
# for a device fact, from its component.
device_name(fact) := sprintf("%s, firmware %s", [fact.component.name, fact.component.version]) if {
	fact.component.version != null
}

device_name(fact) := fact.component.name if {
	fact.component.version == null
}

# --- Mail scope -----------------------------------------------------------
#
# A connection is always mail. A TLS setting in code is mail when a mail
# client in the same file uses it: its context binding is passed to the
# client, or the client passes a context this file's facts cannot resolve
# (built elsewhere, e.g. returned by a helper), in which case every TLS
# setting of the file may reach it. A client that passes no context uses the
# library default and is not affected by the file's settings.

mail_usages(file) := [u | some u in file.facts; u.kind == "mail_usage"]

bindings(file) := {s.binding | some s in file.facts; s.kind == "tls_setting"; s.binding != null}

# ties(file, setting): the mail usages the setting reaches.
ties(file, setting) := [u |
	some u in mail_usages(file)
	u.binding != null
	reaches(file, setting, u)
]

reaches(_, setting, usage) if usage.binding == setting.binding

reaches(file, _, usage) if not usage.binding in bindings(file)

# in_scope(file, fact): the fact is judged under the current scope.
in_scope(_, fact) if fact.kind == "connection"

in_scope(file, fact) if {
	fact.kind == "tls_setting"
	count(ties(file, fact)) > 0
}

in_scope(_, _) if input.settings.scope == "all"

# related_for(file, fact): the fact's related locations plus, for a TLS
# setting, the mail clients it reaches.
related_for(file, fact) := array.concat(fact.related, [r |
	fact.kind == "tls_setting"
	some u in ties(file, fact)
	r := {
		"role": "mail_client",
		"line": u.location.line,
		"column": u.location.column,
		"end_line": u.location.end_line,
		"end_column": u.location.end_column,
		"message": sprintf("used by %s%s: %s", [client_name(u), target(u), u.evidence]),
	}
])

# mail_clause(file, fact): " used by python-imaplib (IMAP to x)" for a
# setting tied to mail, "" otherwise.
mail_clause(file, fact) := sprintf(", used by %s%s", [client_name(u), target(u)]) if {
	fact.kind == "tls_setting"
	u := ties(file, fact)[0]
}

mail_clause(file, fact) := "" if {
	not fact.kind == "tls_setting"
}

mail_clause(file, fact) := "" if {
	fact.kind == "tls_setting"
	count(ties(file, fact)) == 0
}
