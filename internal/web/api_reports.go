package web

import (
	"maps"
	"net/http"

	"github.com/netral-asn/netral/internal/reports"
)

// OpenAPI description of the public report routes (handlers_report_public.go).

func init() { apiDocs = append(apiDocs, reportAPIDocs...) }

var (
	paramReceipt = apiParam{Name: "receipt", In: "path", Type: "string", Required: true,
		Desc: "The receipt code, e.g. `NTR-7KQ2-M9XD` (case, spaces and dashes do not matter)."}
	paramSecret = apiParam{Name: "X-Report-Secret", In: "header", Type: "string", Required: true,
		Desc: "The secret given with the receipt code. An unknown receipt and a wrong secret both answer 404; " +
			"repeated failures from one address or on one receipt code answer 429."}
)

var reportAPIDocs = []apiDoc{
	{Method: "GET", Path: "/api/v1/public/challenge", OperationID: "getReportChallenge", Tag: "public",
		Summary: "A proof-of-work challenge for filing a public report",
		Desc: "Find a decimal `nonce` such that SHA-256(`challenge` + \":\" + `nonce`) starts with `difficulty` zero bits, " +
			"and send both with POST /api/v1/public/reports in `X-Netral-Pow-Challenge` and `X-Netral-Pow-Nonce`. A " +
			"challenge is single-use and expires. Reports sent without a valid proof are accepted within a much smaller " +
			"budget per address and in all (429 beyond it, with Retry-After). The body is checked before any budget: an invalid " +
			"body always gets the 400 naming its fields. A proof already used (the same request sent again) gets 409.",
		Response: "ReportChallenge"},
	{Method: "POST", Path: "/api/v1/public/reports", OperationID: "createPublicReport", Tag: "public",
		Summary: "File a public report (no sign-in)",
		Desc: "The body is the report as JSON, or multipart/form-data with the JSON in a `report` field and evidence files " +
			"in any other file fields (JPEG, PNG or WebP images, PDF, MP4 video; checked by content, whatever the name; " +
			"at most 10 files, 10 MB each, 25 MB in all: 413 beyond). Every problem is listed in the 400 message, naming " +
			"the field. The answer carries the receipt code and the secret: the secret is shown only here and stored only " +
			"as a hash. `reporter` must be absent for `identity: anonymous`; a server without a report key accepts only " +
			"anonymous reports. A NIP that looks wrong is a warning, not a refusal. No address or browser detail of the " +
			"reporter is stored. `instansi` (a region code) is required when the server hosts several Pemda.",
		Params: []apiParam{
			{Name: "X-Netral-Pow-Challenge", In: "header", Type: "string", Desc: "A challenge from GET /api/v1/public/challenge (optional)."},
			{Name: "X-Netral-Pow-Nonce", In: "header", Type: "string", Desc: "Its solution (optional)."},
		},
		Request: "PublicReport", Multipart: true, RequestDesc: "The report (contract api.md).",
		Status: http.StatusCreated, Response: "PublicReportReceipt",
		Errors: []int{http.StatusBadRequest, http.StatusConflict, http.StatusRequestEntityTooLarge, http.StatusTooManyRequests}},
	{Method: "GET", Path: "/api/v1/public/reports/{receipt}", OperationID: "getPublicReport", Tag: "public",
		Summary: "Status and messages of a public report",
		Desc:    "For the reporter: the public status and the messages between them and the team (team members are not named).",
		Params:  []apiParam{paramReceipt, paramSecret}, Response: "PublicReportStatus",
		Errors: []int{http.StatusNotFound, http.StatusTooManyRequests}},
	{Method: "POST", Path: "/api/v1/public/reports/{receipt}/messages", OperationID: "replyPublicReport", Tag: "public",
		Summary: "Answer the team (the reporter's reply)",
		Params:  []apiParam{paramReceipt, paramSecret}, Request: "PublicReportReply", JSONOnly: true,
		RequestDesc: "The reply.", Status: http.StatusCreated, Response: "PublicReportStatus",
		Errors: []int{http.StatusBadRequest, http.StatusNotFound, http.StatusTooManyRequests}},
}

// reportSchemas are the components of the public report routes.
func reportSchemas() js {
	return js{
		"ReportChallenge": strict(js{
			"challenge":  typ("string", "signed, single-use"),
			"difficulty": typ("integer", "leading zero bits the SHA-256 must have"),
			"expires_at": dateTime(""),
		}),
		"PublicReport": object(js{
			"description": typ("string", "what happened, in the reporter's words (10 to 10000 characters)"),
			"violation": typ("string", "optional: an SKB code (KE-04, DS-06 …) or a plain-language choice: "+
				joinActs()+" (or its Indonesian or English label)"),
			"occurred_at": typ("string", "optional: YYYY-MM-DD (or an RFC 3339 time)"),
			"place":       typ("string", "optional"),
			"reported":    ref("PublicReportPerson"),
			"links":       arrayOf(typ("string", "http(s) address; captured as evidence")),
			"identity":    js{"type": "string", "enum": reports.Identities},
			"reporter":    ref("PublicReportReporter"),
			"instansi":    typ("string", "region code of the Pemda reported to; required when the server hosts several"),
		}, "description", "identity"),
		"PublicReportPerson": object(js{
			"name": typ("string", "as the reporter knows it"), "nip": typ("string", "optional, checked softly"),
			"unit": typ("string", "optional"),
		}),
		"PublicReportReporter": object(js{
			"name": typ("string", "required unless anonymous"), "phone": typ("string", "optional"),
			"email": typ("string", "optional"),
		}),
		"PublicReportReceipt": strict(js{
			"receipt":           typ("string", "e.g. NTR-7KQ2-M9XD"),
			"secret":            typ("string", "shown once; keep it to follow the report"),
			"status":            js{"type": "string", "enum": reports.Statuses},
			"submission_sha256": typ("string", "SHA-256 of the report as received (printable proof of filing)"),
			"warnings":          arrayOf(ref("PublicReportWarning")),
		}),
		"PublicReportWarning": strict(js{
			"field": typ("string", ""), "code": typ("string", "e.g. nip_length"), "message": typ("string", ""),
		}),
		"PublicReportStatus": strict(js{
			"receipt": typ("string", ""), "status": js{"type": "string", "enum": reports.Statuses},
			"status_label": typ("string", "in the caller's language"), "created_at": dateTime(""),
			"status_changed_at": dateTime(""), "evidence": typ("integer", "evidence files"),
			"links": typ("integer", ""), "messages": arrayOf(ref("PublicReportMessage")),
		}),
		"PublicReportMessage": strict(js{
			"from": js{"type": "string", "enum": []string{"team", "reporter"}}, "body": typ("string", "may be empty for a status change"),
			"status": typ("string", "the status the message came with, empty when none"), "created_at": dateTime(""),
		}),
		"PublicReportReply": object(js{"message": typ("string", "at most 5000 characters")}, "message"),
	}
}

func joinActs() string {
	s := ""
	for i, a := range reports.Acts {
		if i > 0 {
			s += ", "
		}
		s += a
	}
	return s
}

// withSchemas merges component schema sets.
func withSchemas(base js, more ...js) js {
	for _, m := range more {
		maps.Copy(base, m)
	}
	return base
}
