package web

import (
	"net/http"
	"sort"
	"strconv"
	"strings"
)

// The OpenAPI document of the JSON API is generated from apiDocs, the Go
// description of every /api/v1 route of the route table, together with the
// table itself (which says whether a route needs a token and which
// permission). TestOpenAPIMatchesRoutes fails when a route is undocumented
// or a documented route does not exist.

// apiParam is a query or path parameter of an API operation.
type apiParam struct {
	Name     string
	In       string // "query", "path" or "header"
	Type     string // "string", "integer" or "boolean"
	Desc     string
	Required bool
	Enum     []string
}

// apiDoc describes one API operation.
type apiDoc struct {
	Method, Path string // exactly as in the route table
	OperationID  string
	Tag          string
	Summary      string
	Desc         string
	Params       []apiParam
	Status       int    // status of success; 200 when 0
	Response     string // name of the success schema in components
	Request      string // name of the JSON request body's schema in components ("" for none)
	RequestDesc  string // what the body holds
	JSONOnly     bool   // the body is JSON only (no JSON Lines or CSV form)
	Multipart    bool   // the body is JSON, or multipart/form-data with the JSON in a "report" field and files
	Errors       []int  // error statuses besides 401/403 (implied by the route's access) and 500
}

// Parameters shared by several operations.
var (
	paramLimit = apiParam{Name: "limit", In: "query", Type: "integer",
		Desc: "Page size: default 50, at most 1000 (larger values are lowered to 1000). Not a positive integer: 400."}
	paramCursor = apiParam{Name: "cursor", In: "query", Type: "string",
		Desc: "The `next` value of the previous page. Unknown or malformed: 400."}
	paramInstansi = apiParam{Name: "instansi", In: "query", Type: "integer",
		Desc: "Id of an instansi below your own to work on (province and national users); default your own instansi."}
	paramID = apiParam{Name: "id", In: "path", Type: "integer", Required: true, Desc: "Numeric id."}
)

// apiDocs describes every /api/v1 route of [Server.routes].
var apiDocs = []apiDoc{
	{Method: "GET", Path: "/api/v1/openapi.json", OperationID: "getOpenAPI", Tag: "meta",
		Summary: "This OpenAPI document", Response: "OpenAPIDocument"},
	{Method: "GET", Path: "/api/v1/me", OperationID: "getMe", Tag: "meta",
		Summary: "The token's user, their instansi and permissions", Params: []apiParam{paramInstansi}, Response: "Me"},
	{Method: "GET", Path: "/api/v1/employees", OperationID: "listEmployees", Tag: "registry",
		Summary: "List employees (ASN)",
		Desc:    "Employees of the instansi, by name. A kepala OPD sees only the employees of their OPD and its sub-units.",
		Params: []apiParam{
			{Name: "q", In: "query", Type: "string", Desc: "Part of the name or NIP (case-insensitive)."},
			{Name: "opd", In: "query", Type: "string", Desc: "OPD code (e.g. `1.01`) or numeric id; includes its sub-units. Unknown or outside your scope: 400."},
			{Name: "kind", In: "query", Type: "string", Enum: []string{"PNS", "PPPK"}, Desc: "Type of ASN. Other values: 400."},
			paramLimit, paramCursor, paramInstansi,
		},
		Response: "EmployeeList", Errors: []int{http.StatusBadRequest}},
	{Method: "GET", Path: "/api/v1/employees/{id}", OperationID: "getEmployee", Tag: "registry",
		Summary: "One employee with position history and social-media accounts",
		Desc:    "The view is recorded in the audit trail. Employees of another instansi, or outside a kepala OPD's scope, are 404.",
		Params:  []apiParam{paramID, paramInstansi}, Response: "EmployeeDetail", Errors: []int{http.StatusNotFound}},
	{Method: "GET", Path: "/api/v1/opd", OperationID: "listOPD", Tag: "registry",
		Summary: "The OPD tree",
		Desc:    "Top-level OPD with their sub-units nested in `children` (a kepala OPD: their own OPD only). Not paged: `next` is always empty and `total` counts every node.",
		Params:  []apiParam{paramInstansi}, Response: "OPDTree"},
	{Method: "GET", Path: "/api/v1/activities", OperationID: "listActivities", Tag: "monitoring",
		Summary: "List activity records with their latest screening result and attribution",
		Desc: "Activities of the instansi, most recently ingested first. A kepala OPD sees only the activities attributed to " +
			"employees of their OPD and its sub-units (never unattributed ones).",
		Params: []apiParam{
			{Name: "flagged", In: "query", Type: "boolean", Desc: "Only activities whose latest screening flagged them (`true`) or not (`false`). Other values: 400."},
			{Name: "platform", In: "query", Type: "string", Desc: "Platform, e.g. `facebook`, `instagram`, `x` (`twitter` is the same as `x`)."},
			{Name: "kind", In: "query", Type: "string", Enum: []string{"post", "comment", "share", "like", "reaction", "follow",
				"join_group", "photo", "video", "story", "profile", "other"}, Desc: "Kind of activity. Other values: 400."},
			{Name: "opd", In: "query", Type: "string", Desc: "OPD code or numeric id of the attributed employee's unit; includes its sub-units. Unknown or outside your scope: 400."},
			{Name: "employee", In: "query", Type: "integer", Desc: "Only the activities attributed to this employee."},
			{Name: "attributed", In: "query", Type: "boolean", Desc: "Only activities attributed to a registered account (`true`) or not yet (`false`)."},
			paramLimit, paramCursor, paramInstansi,
		},
		Response: "ActivityList", Errors: []int{http.StatusBadRequest}},
	{Method: "POST", Path: "/api/v1/activities", OperationID: "ingestActivities", Tag: "monitoring",
		Summary: "Send activity records (scan.md §2) to be attributed, screened and stored",
		Desc: "The body is a JSON array of activity records or JSON Lines (one record a line; also CSV with " +
			"`Content-Type: text/csv`, same field names, `media_captions` separated by `|`). Ingest is idempotent: a record " +
			"whose (platform, id) is already stored for the instansi counts as a duplicate. Records that cannot be read or " +
			"lack a required field are rejected with their line (for a JSON array: their position from 1) and the rest is " +
			"stored. Each record is attributed to a registered account by platform and handle, or by the optional " +
			"`author_id` (stable platform id), and screened with the instansi's active election definitions. " +
			"A body larger than the upload limit is 413 (records read before the limit are kept).",
		Params: []apiParam{paramInstansi}, Request: "ActivityRecords",
		RequestDesc: "A JSON array of activity records, or JSON Lines (`application/x-ndjson`), or CSV (`text/csv`).",
		Response:    "IngestResult", Errors: []int{http.StatusRequestEntityTooLarge}},
	{Method: "GET", Path: "/api/v1/activities/{id}", OperationID: "getActivity", Tag: "monitoring",
		Summary: "One activity with its latest screening result and attribution",
		Desc:    "Activities of another instansi, or outside a kepala OPD's scope, are 404.",
		Params:  []apiParam{paramID, paramInstansi}, Response: "Activity", Errors: []int{http.StatusNotFound}},
	{Method: "GET", Path: "/api/v1/elections", OperationID: "getElections", Tag: "elections",
		Summary: "The active election definitions the instansi screens with",
		Desc: "The active version of the instansi's election definitions (contract §1): Pemilu 2024 and the Pilkada of its " +
			"region until someone changes them on /pemilihan or with `netral elections import`. `lexicon` is the hash " +
			"that screening results carry as their `lexicon_version`. An instansi without a version yet gets its defaults " +
			"stored as version 1 first.",
		Params: []apiParam{paramInstansi}, Response: "ElectionVersion"},
	{Method: "GET", Path: "/api/v1/elections/versions", OperationID: "listElectionVersions", Tag: "elections",
		Summary: "Every stored version of the election definitions, newest first, with what changed",
		Desc: "One item per version (the first is the active one): who stored it, when, from what source, its elections " +
			"and exception phrases, and the changes against the version before it (elections added, removed or changed, " +
			"terms of a contestant added or removed, exception phrases). Not paged: `next` is always empty.",
		Params: []apiParam{paramInstansi}, Response: "ElectionVersionList"},
	{Method: "GET", Path: "/api/v1/activities/unattributed", OperationID: "listUnattributed", Tag: "monitoring",
		Summary: "Unattributed activity, grouped by platform and author handle",
		Desc: "Activities whose author matched no registered account, one item per (platform, handle): groups with a " +
			"flagged record first, then by number of records. Records without an author are in no group. A kepala OPD " +
			"may not list them (403): they belong to no OPD yet.",
		Params: []apiParam{
			{Name: "platform", In: "query", Type: "string", Desc: "Only this platform (`twitter` is `x`)."},
			{Name: "handle", In: "query", Type: "string", Desc: "Part of the handle (case-insensitive, `@` ignored)."},
			paramLimit, paramCursor, paramInstansi,
		},
		Response: "UnattributedGroupList", Errors: []int{http.StatusBadRequest}},
	{Method: "POST", Path: "/api/v1/activities/attribute", OperationID: "attributeHandle", Tag: "monitoring",
		Summary: "Attribute a handle to an employee",
		Desc: "Registers the handle as the employee's account (unless they have it already) and attributes every " +
			"unattributed activity of that platform and handle to the employee and their current OPD, in one " +
			"transaction, audited. Running it again attributes nothing more (`attributed` 0). A handle that is another " +
			"employee's account, or an activity already attributed, is 409; an unknown platform or handle, a NIP that is " +
			"malformed or of no employee of the instansi, 400 naming the field. Also requires permission `account.edit`.",
		Params: []apiParam{paramInstansi}, Request: "AttributeRequest", JSONOnly: true,
		RequestDesc: "The platform and author handle (as listed by `GET /api/v1/activities/unattributed`; `@handle` or a profile address also work) and the employee's NIP.",
		Response:    "AttributeResult", Errors: []int{http.StatusBadRequest, http.StatusConflict, http.StatusRequestEntityTooLarge}},
}

// js is a JSON object of the document.
type js = map[string]any

func ref(name string) js { return js{"$ref": "#/components/schemas/" + name} }

func typ(t, desc string) js {
	m := js{"type": t}
	if desc != "" {
		m["description"] = desc
	}
	return m
}

func nullable(m js) js { m["nullable"] = true; return m }

func arrayOf(items js) js { return js{"type": "array", "items": items} }

func object(props js, required ...string) js {
	m := js{"type": "object", "properties": props}
	if len(required) > 0 {
		m["required"] = required
	}
	return m
}

func dateTime(desc string) js { m := typ("string", desc); m["format"] = "date-time"; return m }

func date(desc string) js { m := typ("string", desc); m["format"] = "date"; return m }

// allKeys returns the keys of props, sorted (every property is required:
// the API always sends every field, null when empty).
func allKeys(props js) []string {
	keys := make([]string, 0, len(props))
	for k := range props {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// strict is an object whose properties are all required.
func strict(props js) js { return object(props, allKeys(props)...) }

// listOf is the list envelope of the contract around items.
func listOf(item string, desc string) js {
	return strict(js{
		"items": arrayOf(ref(item)),
		"total": typ("integer", desc),
		"next":  typ("string", "Cursor of the next page for `?cursor=`; empty on the last page."),
	})
}

// apiSchemas are the components of the document.
func apiSchemas() js {
	instansi := strict(js{
		"id": typ("integer", ""), "code": typ("string", "Kemendagri region code, e.g. 32.16 (00 for the national body)"),
		"name": typ("string", ""), "kind": js{"type": "string", "enum": []string{"provinsi", "kabupaten", "kota", "nasional"}},
	})
	employee := js{
		"id": typ("integer", ""), "nip": typ("string", "18 digits"), "name": typ("string", ""),
		"kind": js{"type": "string", "enum": []string{"PNS", "PPPK"}}, "jabatan": typ("string", "current position"),
		"opd_id": typ("integer", "current unit"), "opd_code": typ("string", ""), "opd_name": typ("string", ""),
		"email": typ("string", "empty when unknown"), "phone": typ("string", "empty when unknown"),
		"created_at": nullable(dateTime("")), "updated_at": nullable(dateTime("")),
	}
	detail := js{}
	for k, v := range employee {
		detail[k] = v
	}
	detail["positions"] = arrayOf(ref("Position"))
	detail["accounts"] = arrayOf(ref("Account"))
	return js{
		"Error": object(js{"error": strict(js{
			"code": js{"type": "string", "enum": []string{"invalid", "unauthorized", "forbidden", "not_found", "conflict",
				"too_large", "rate_limited", "internal"}},
			"message": typ("string", "in the user's language"),
		})}, "error"),
		"Instansi": instansi,
		"Me": strict(js{
			"id": typ("integer", ""), "username": typ("string", ""), "full_name": typ("string", ""),
			"role":             js{"type": "string", "enum": []string{"admin", "ketua_tim", "tim", "inspektorat", "kepala_opd", "pimpinan", "bawaslu", "asn"}},
			"lang":             js{"type": "string", "enum": []string{"id", "en"}},
			"instansi":         ref("Instansi"),
			"working_instansi": ref("Instansi"),
			"visible_instansi": arrayOf(ref("Instansi")),
			"opd_id":           nullable(typ("integer", "kepala_opd: the OPD they head")),
			"opd_scope":        nullable(arrayOf(typ("integer", ""))),
			"employee_id":      nullable(typ("integer", "the user's own employee record")),
			"permissions":      arrayOf(typ("string", "")),
			"created_at":       nullable(dateTime("")),
		}),
		"Employee":       strict(employee),
		"EmployeeDetail": strict(detail),
		"Position": strict(js{
			"id": typ("integer", ""), "jabatan": typ("string", ""), "opd_id": typ("integer", ""), "opd_name": typ("string", ""),
			"from": nullable(date("")), "to": nullable(date("null while current")), "source": typ("string", "import, manual, …"),
		}),
		"Account": strict(js{
			"id": typ("integer", ""), "platform": typ("string", "facebook, instagram, x, tiktok, youtube, …"),
			"handle": typ("string", ""), "url": typ("string", ""), "platform_id": typ("string", ""), "verified": typ("boolean", ""),
			"created_at": nullable(dateTime("")), "history": arrayOf(ref("HandleChange")),
		}),
		"HandleChange": strict(js{
			"handle": typ("string", "an earlier handle"), "url": typ("string", ""),
			"from": nullable(dateTime("")), "to": nullable(dateTime("")),
		}),
		"EmployeeList": listOf("Employee", "number of employees matching the filters"),
		"OPDNode": strict(js{
			"id": typ("integer", ""), "code": typ("string", ""), "name": typ("string", ""), "kind": typ("string", ""),
			"parent_id": nullable(typ("integer", "")), "depth": typ("integer", "0 for a top-level OPD"),
			"employees": typ("integer", "employees whose current unit is this node"), "children": arrayOf(ref("OPDNode")),
		}),
		"OPDTree": listOf("OPDNode", "number of nodes in the whole tree"),
		"ActivityRecord": object(js{
			"id": typ("string", "unique within its platform"), "platform": typ("string", ""),
			"kind":   js{"type": "string", "enum": []string{"post", "comment", "share", "like", "reaction", "follow", "join_group", "photo", "video", "story", "profile", "other"}},
			"author": typ("string", "handle (with or without @) or profile address"), "author_id": typ("string", "stable platform id of the author (optional)"),
			"created_at": dateTime("when it happened"), "url": typ("string", ""),
			"text": typ("string", "what the author wrote"), "context_text": typ("string", "the content acted on"),
			"media_captions": arrayOf(typ("string", "")),
		}, "id", "platform", "kind"),
		"ActivityRecords": arrayOf(ref("ActivityRecord")),
		"IngestResult": strict(js{
			"accepted": typ("integer", "records stored now"), "duplicates": typ("integer", "records already stored, or repeated in the body"),
			"rejected":         arrayOf(ref("RejectedRecord")),
			"rejected_total":   typ("integer", "all rejected records (`rejected` lists at most 10000)"),
			"flagged":          typ("integer", "accepted records flagged by screening"),
			"attributed":       typ("integer", "accepted records attributed to a registered account"),
			"election_version": typ("integer", "the instansi's election-definition version screened with"),
			"lexicon_version":  typ("string", "hash of those definitions"),
		}),
		"RejectedRecord": strict(js{
			"line": typ("integer", "line of the body (JSON array: position from 1)"), "id": nullable(typ("string", "the record's id when it was read")),
			"error": typ("string", "why"),
		}),
		"Activity": strict(js{
			"id": typ("integer", ""), "platform": typ("string", ""), "external_id": typ("string", "the record's id on its platform"),
			"kind": typ("string", ""), "author": typ("string", "as given"), "author_id": typ("string", "empty when not given"),
			"text":           nullable(typ("string", "null when absent or purged")),
			"context_text":   nullable(typ("string", "null when absent or purged")),
			"media_captions": arrayOf(typ("string", "")), "url": typ("string", ""),
			"created_at": nullable(dateTime("when it happened")), "source": js{"type": "string", "enum": []string{"import", "api", "feed", "capture", "manual"}},
			"ingested_at": nullable(dateTime("")), "purged_at": nullable(dateTime("when its text was removed (data minimisation)")),
			"flagged":     typ("boolean", "flag of the latest screening"),
			"attribution": nullable(attributionSchema()),
			"screening":   nullable(screeningSchema()),
		}),
		"Attribution": attributionSchema(),
		"Screening":   screeningSchema(),
		"Match": object(js{
			"field": js{"type": "string", "enum": []string{"text", "context_text", "media_captions"}},
			"index": typ("integer", "caption index (media_captions only)"), "start": typ("integer", "byte offset"),
			"end": typ("integer", "byte offset (exclusive)"), "term": typ("string", ""), "entity": typ("string", "target id (absent for cues)"),
			"signal": typ("string", "entity, support, oppose, call_to_vote, slogan, hashtag, gesture, symbol or context"),
		}, "field", "start", "end", "term", "signal"),
		"ActivityList":    listOf("Activity", "number of activities matching the filters"),
		"OpenAPIDocument": typ("object", "an OpenAPI 3.0 document"),

		// Election definitions (contract §1) and their versions (handlers_elections_history.go).
		"ElectionVersion": strict(js{
			"version":    typ("integer", "1, 2, … per instansi; the highest is active"),
			"lexicon":    typ("string", "hash of the definitions: the lexicon_version of screening results"),
			"source":     typ("string", "builtin, web (changed on /pemilihan), or the name of the imported file"),
			"created_by": typ("string", "user or system actor"), "created_at": nullable(dateTime("")),
			"exceptions": arrayOf(typ("string", "an active exception phrase of the review inbox")),
			"elections":  arrayOf(ref("Election")),
		}),
		"Election": object(js{
			"id": typ("string", "e.g. pemilu-2024, pilkada-2024-32.16"), "name": typ("string", ""),
			"type":   js{"type": "string", "enum": []string{"pilpres", "pileg", "pilkada", "other"}},
			"region": ref("ElectionRegion"), "voting_day": date(""), "campaign": ref("ElectionCampaign"),
			"determined_on": date("day the candidates were determined (optional)"),
			"contestants":   arrayOf(ref("ElectionContestant")), "parties": arrayOf(ref("ElectionParty")),
		}, "id", "name", "type", "voting_day", "contestants"),
		"ElectionRegion":   strict(js{"code": typ("string", "Kemendagri code, 00 for Indonesia"), "name": typ("string", "")}),
		"ElectionCampaign": strict(js{"start": date(""), "end": date("")}),
		"ElectionContestant": object(js{
			"id":            typ("string", "unique within the election, e.g. 01"),
			"kind":          js{"type": "string", "enum": []string{"candidate_pair", "candidate", "party"}},
			"ballot_number": typ("integer", "nomor urut"), "names": nullable(arrayOf(typ("string", "clean full names, head first"))),
			"aliases":      arrayOf(typ("string", "specific enough on their own")),
			"weak_aliases": arrayOf(typ("string", "count only next to other evidence")),
			"slogans":      arrayOf(typ("string", "")), "hashtags": arrayOf(typ("string", "with the leading #")),
			"gestures":           arrayOf(typ("string", "hand signs and emoji")),
			"supporting_parties": arrayOf(typ("string", "party ids, bare (pkb) or full (pemilu-2024/pkb)")),
		}, "id", "kind", "names"),
		"ElectionParty": object(js{
			"id": typ("string", ""), "ballot_number": typ("integer", ""), "name": typ("string", ""),
			"aliases": arrayOf(typ("string", "")), "weak_aliases": arrayOf(typ("string", "")),
			"symbols": arrayOf(typ("string", "the emblem as people describe it")), "hashtags": arrayOf(typ("string", "")),
		}, "id", "name"),
		"ElectionVersionSummary": strict(js{
			"version": typ("integer", ""), "lexicon": typ("string", ""), "source": typ("string", ""),
			"created_by": typ("string", ""), "created_at": nullable(dateTime("")),
			"active":     typ("boolean", "the newest version, the one screening uses"),
			"elections":  arrayOf(typ("string", "election id")),
			"exceptions": arrayOf(typ("string", "")),
			"changes":    arrayOf(ref("ElectionVersionChange")),
		}),
		"ElectionVersionChange": object(js{
			"kind": js{"type": "string", "enum": []string{"initial", "election_added", "election_removed", "election_changed",
				"terms", "exceptions"}},
			"election": typ("string", "election id (all kinds but initial and exceptions)"),
			"target":   typ("string", "contestant target id (terms)"),
			"field":    js{"type": "string", "enum": []string{"aliases", "weak_aliases", "slogans", "hashtags", "gestures"}},
			"added":    arrayOf(typ("string", "")), "removed": arrayOf(typ("string", "")),
		}, "kind"),
		"ElectionVersionList": listOf("ElectionVersionSummary", "number of versions"),

		// Matching unattributed activity by hand (handlers_attribution.go).
		"UnattributedGroup": strict(js{
			"platform": typ("string", ""), "handle": typ("string", "normalised author handle (lower case, no @)"),
			"author": typ("string", "one author value as given"), "count": typ("integer", "unattributed records"),
			"flagged":    typ("integer", "of which flagged by their latest screening"),
			"first_seen": nullable(dateTime("earliest record time (or ingestion time)")), "last_seen": nullable(dateTime("")),
			"sample":             typ("string", "text of the latest flagged record, else of the latest record with text; may be empty"),
			"sample_activity_id": typ("integer", "the record the sample is from"),
			"sample_review_id":   nullable(typ("integer", "its review item, when it has one")),
		}),
		"UnattributedGroupList": listOf("UnattributedGroup", "number of groups matching the filters"),
		"AttributeRequest": object(js{
			"platform": typ("string", "facebook, instagram, x (or twitter), tiktok, …"), "handle": typ("string", "author handle"),
			"nip": typ("string", "18 digits (spaces and dots allowed)"),
		}, "platform", "handle", "nip"),
		"AttributeResult": strict(js{
			"platform": typ("string", ""), "handle": typ("string", "normalised handle"),
			"account_id": typ("integer", "the employee's account"), "account_created": typ("boolean", "false when the employee already had it"),
			"employee_id": typ("integer", ""), "nip": typ("string", ""), "employee_name": typ("string", ""),
			"opd_id": typ("integer", "the employee's current unit"), "opd_code": typ("string", ""),
			"attributed": typ("integer", "records attributed by this call"),
		}),
	}
}

// attributionSchema is the attribution of an activity (a fresh value each
// call, so it can be made nullable in place).
func attributionSchema() js {
	return strict(js{
		"account_id": typ("integer", ""), "handle": typ("string", ""), "employee_id": typ("integer", ""),
		"employee_name": typ("string", ""), "nip": typ("string", ""), "opd_id": typ("integer", "the employee's unit when attributed"),
		"opd_code": typ("string", ""), "opd_name": typ("string", ""),
	})
}

// screeningSchema is a screening result of an activity (a fresh value each call).
func screeningSchema() js {
	return strict(js{
		"election_version": typ("integer", ""), "lexicon_version": typ("string", ""), "flagged": typ("boolean", ""),
		"score": typ("number", "0..1"), "stance": js{"type": "string", "enum": []string{"support", "oppose", "none"}},
		"targets": arrayOf(typ("string", "target id, e.g. pemilu-2024/02")), "violation": typ("string", "violation catalogue code, empty when none"),
		"matches": arrayOf(ref("Match")), "explanation": typ("string", ""), "screened_at": nullable(dateTime("")),
	})
}

// errorResponse is the response object of an error status.
func errorResponse(status int) js {
	return js{"description": http.StatusText(status), "content": js{"application/json": js{"schema": ref("Error")}}}
}

// openAPIDocument builds the document from apiDocs and the route table.
func (s *Server) openAPIDocument() openAPIDoc {
	table := map[string]route{}
	for _, rt := range s.routes() {
		table[rt.method+" "+rt.pattern] = rt
	}
	paths := js{}
	for _, d := range apiDocs {
		rt, known := table[d.Method+" "+d.Path]
		op := js{"operationId": d.OperationID, "summary": d.Summary}
		if d.Tag != "" {
			op["tags"] = []string{d.Tag}
		}
		desc := d.Desc
		if known && rt.perm != "" {
			op["x-permission"] = string(rt.perm)
			desc = strings.TrimSpace(desc + " Requires permission `" + string(rt.perm) + "`.")
		}
		if desc != "" {
			op["description"] = desc
		}
		var params []js
		for _, p := range d.Params {
			sch := js{"type": p.Type}
			if len(p.Enum) > 0 {
				sch["enum"] = p.Enum
			}
			pj := js{"name": p.Name, "in": p.In, "schema": sch}
			if p.Desc != "" {
				pj["description"] = p.Desc
			}
			if p.Required || p.In == "path" {
				pj["required"] = true
			}
			params = append(params, pj)
		}
		if len(params) > 0 {
			op["parameters"] = params
		}
		status := d.Status
		if status == 0 {
			status = http.StatusOK
		}
		if d.Request != "" {
			op["requestBody"] = js{"required": true, "description": d.RequestDesc, "content": js{
				"application/json":     js{"schema": ref(d.Request)},
				"application/x-ndjson": js{"schema": typ("string", "JSON Lines: one object a line")},
				"text/csv":             js{"schema": typ("string", "CSV with a header row of field names")},
			}}
			if d.JSONOnly {
				op["requestBody"].(js)["content"] = js{"application/json": js{"schema": ref(d.Request)}}
			}
			if d.Multipart {
				op["requestBody"].(js)["content"] = js{"application/json": js{"schema": ref(d.Request)},
					"multipart/form-data": js{"schema": object(js{
						"report": typ("string", "the JSON body, as text"),
						"files":  arrayOf(js{"type": "string", "format": "binary"}),
					}, "report")}}
			}
		}
		resp := js{strconv.Itoa(status): js{"description": http.StatusText(status),
			"content": js{"application/json": js{"schema": ref(d.Response)}}}}
		errs := append([]int{}, d.Errors...)
		if !known || rt.access == apiToken {
			op["security"] = []js{{"bearer": []string{}}}
			errs = append(errs, http.StatusUnauthorized)
			if rt.perm != "" {
				errs = append(errs, http.StatusForbidden)
			}
		} else {
			op["security"] = []js{} // public
		}
		errs = append(errs, http.StatusInternalServerError)
		for _, e := range errs {
			resp[strconv.Itoa(e)] = errorResponse(e)
		}
		op["responses"] = resp
		item, _ := paths[d.Path].(js)
		if item == nil {
			item = js{}
			paths[d.Path] = item
		}
		item[strings.ToLower(d.Method)] = op
	}
	return openAPIDoc{
		OpenAPI: "3.0.3",
		Info: js{
			"title":   "Netral API",
			"version": "v1",
			"description": "JSON API of Netral (pengawasan netralitas ASN). Authenticate with `Authorization: Bearer TOKEN` " +
				"(`netral token create`, or the users page). Errors are `{\"error\": {\"code\", \"message\"}}`; lists are " +
				"`{\"items\", \"total\", \"next\"}` with `?limit=` and `?cursor=`. Dates are `YYYY-MM-DD`, timestamps RFC 3339 in UTC.",
		},
		Paths: paths,
		Components: js{
			"securitySchemes": js{"bearer": js{"type": "http", "scheme": "bearer", "description": "An API token (ntr_…)."}},
			"schemas":         withSchemas(apiSchemas(), reportSchemas(), caseSchemas()), // reportSchemas: api_reports.go; caseSchemas: handlers_case_api.go
		},
	}
}

// openAPIDoc is the top level of the document (a struct, so "openapi" comes first).
type openAPIDoc struct {
	OpenAPI    string `json:"openapi"`
	Info       js     `json:"info"`
	Paths      js     `json:"paths"`
	Components js     `json:"components"`
}

func (s *Server) openapi(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	w.Header().Set("Access-Control-Allow-Origin", "*")
	writeJSON(w, http.StatusOK, s.openAPIDocument())
	return nil
}
