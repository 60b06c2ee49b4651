package web

import (
	"net/http"

	"github.com/netral-asn/netral/internal/auth"
)

// access says who may reach a route at all; perm (when set) narrows it.
type access int

const (
	public    access = iota // anyone, even before set-up (health, metrics, static files)
	setupOnly               // only before the first-run set-up
	anonymous               // anyone after set-up (sign-in page, language switch)
	signedIn                // a browser session; perm checked
	apiToken                // a bearer token; perm checked
)

// route is one entry of the route table.
type route struct {
	method  string
	pattern string
	access  access
	perm    auth.Perm // "" = any signed-in user
	h       handlerFunc
}

// routes is the single table of every page and API route with its permission.
func (s *Server) routes() []route {
	return []route{
		{"GET", "/healthz", public, "", s.healthz},
		{"GET", "/metrics", public, "", s.metricsPage},
		{"GET", "/static/", public, "", s.static},
		{"GET", "/api/v1/openapi.json", public, "", s.openapi},

		{"GET", "/setup", setupOnly, "", s.setupForm},
		{"POST", "/setup", setupOnly, "", s.setupSubmit},

		{"GET", "/masuk", anonymous, "", s.loginForm},
		{"POST", "/masuk", anonymous, "", s.loginSubmit},
		{"GET", "/bahasa/{lang}", anonymous, "", s.switchLang},

		{"POST", "/keluar", signedIn, "", s.logout},
		{"POST", "/instansi", signedIn, "", s.switchInstansi},
		{"GET", "/{$}", signedIn, "", s.home},
		{"GET", "/dasbor", signedIn, auth.PermDashboard, s.dashboard},
		{"GET", "/saya", signedIn, auth.PermSelf, s.me},
		{"GET", "/rujukan", signedIn, auth.PermReferredCases, s.caseReferredList}, // handlers_case.go: cases referred to Bawaslu

		{"GET", "/opd", signedIn, auth.PermRegistryView, s.opdList},
		{"POST", "/opd", signedIn, auth.PermRegistryEdit, s.opdSave},
		{"GET", "/pegawai", signedIn, auth.PermRegistryView, s.employeeList},
		{"GET", "/pegawai/baru", signedIn, auth.PermRegistryEdit, s.employeeNew},
		{"POST", "/pegawai/baru", signedIn, auth.PermRegistryEdit, s.employeeCreate},
		{"GET", "/pegawai/{id}", signedIn, auth.PermRegistryView, s.employeeShow},
		{"GET", "/pegawai/{id}/ubah", signedIn, auth.PermRegistryEdit, s.employeeEdit},
		{"POST", "/pegawai/{id}/ubah", signedIn, auth.PermRegistryEdit, s.employeeUpdate},
		{"POST", "/pegawai/{id}/akun", signedIn, auth.PermAccountEdit, s.accountAdd},
		{"POST", "/pegawai/{id}/akun/{aid}/umpan", signedIn, auth.PermAccountEdit, s.feedAdd},
		{"POST", "/pegawai/{id}/akun/{aid}/umpan/{fid}/periksa", signedIn, auth.PermAccountEdit, s.feedPollNow},
		{"POST", "/pegawai/{id}/akun/{aid}/umpan/{fid}/hapus", signedIn, auth.PermAccountEdit, s.feedDelete},
		{"POST", "/pegawai/{id}/akun/{aid}/hapus", signedIn, auth.PermAccountEdit, s.accountDelete},
		{"GET", "/impor", signedIn, auth.PermRosterImport, s.importForm},
		{"POST", "/impor", signedIn, auth.PermRosterImport, s.importSubmit},
		{"GET", "/impor/templat", signedIn, auth.PermRosterImport, s.importTemplate},
		{"GET", "/ekspor", signedIn, auth.PermRosterExport, s.exportRoster},

		// URL capture (handlers_capture.go) and the activity upload page (handlers_activity_upload.go).
		{"GET", "/tangkap", signedIn, auth.PermActivityIngest, s.captureForm},
		{"POST", "/tangkap", signedIn, auth.PermActivityIngest, s.captureSubmit},
		{"GET", "/tangkapan/{id}", signedIn, auth.PermActivityView, s.captureShow},
		{"GET", "/tangkapan/{id}/mentah", signedIn, auth.PermActivityView, s.captureRaw},
		{"GET", "/aktivitas/impor", signedIn, auth.PermActivityIngest, s.activityUploadForm},
		{"POST", "/aktivitas/impor", signedIn, auth.PermActivityIngest, s.activityUploadSubmit},

		{"GET", "/pengguna", signedIn, auth.PermUsersManage, s.userList},
		{"POST", "/pengguna", signedIn, auth.PermUsersManage, s.userCreate},
		{"POST", "/pengguna/{id}/nonaktif", signedIn, auth.PermUsersManage, s.userDisable},
		{"POST", "/pengguna/{id}/token", signedIn, auth.PermUsersManage, s.tokenCreate},
		{"POST", "/pengguna/{id}/token/{tid}/cabut", signedIn, auth.PermUsersManage, s.tokenRevoke},
		{"GET", "/audit", signedIn, auth.PermAuditView, s.auditList},

		// Letterhead (handlers_letterhead.go) and e-mail outbox (handlers_notify.go).
		{"GET", "/pengaturan/kop-surat", signedIn, auth.PermInstansiAdmin, s.letterheadForm},
		{"POST", "/pengaturan/kop-surat", signedIn, auth.PermInstansiAdmin, s.letterheadSave},
		{"GET", "/pengaturan/kop-surat/logo", signedIn, auth.PermInstansiAdmin, s.letterheadLogo},
		{"GET", "/pengaturan/kop-surat/contoh", signedIn, auth.PermInstansiAdmin, s.letterheadSample},
		{"GET", "/pengaturan/email", signedIn, auth.PermInstansiAdmin, s.outboxList},
		{"POST", "/pengaturan/email/uji", signedIn, auth.PermInstansiAdmin, s.outboxTest},
		{"POST", "/pengaturan/email/kirim-ulang", signedIn, auth.PermInstansiAdmin, s.outboxRetryAll},
		{"POST", "/pengaturan/email/{id}/kirim-ulang", signedIn, auth.PermInstansiAdmin, s.outboxRetry},

		// Working-day calendar (handlers_calendar.go).
		{"GET", "/kalender", signedIn, auth.PermDashboard, s.calendarShow},
		{"POST", "/kalender/tambah", signedIn, auth.PermCalendarEdit, s.calendarAdd},
		{"POST", "/kalender/hapus", signedIn, auth.PermCalendarEdit, s.calendarRemove},
		{"POST", "/kalender/pulihkan", signedIn, auth.PermCalendarEdit, s.calendarRestore},

		// Review inbox (deteksi dini).
		{"GET", "/deteksi", signedIn, auth.PermActivityView, s.reviewInbox},
		{"GET", "/deteksi/alasan", signedIn, auth.PermActivityView, s.reviewReasons},
		{"POST", "/deteksi/pengecualian", signedIn, auth.PermInstansiAdmin, s.exceptionAdd},
		{"POST", "/deteksi/pengecualian/{xid}/status", signedIn, auth.PermInstansiAdmin, s.exceptionStatus},
		{"GET", "/deteksi/{id}", signedIn, auth.PermActivityView, s.reviewShow},
		{"POST", "/deteksi/{id}/keputusan", signedIn, auth.PermReviewDecide, s.reviewDecide},
		{"POST", "/deteksi/{id}/tugaskan", signedIn, auth.PermReviewDecide, s.reviewAssign},

		// Unattributed activity matched by hand (handlers_attribution.go): a kepala OPD is refused
		// (403) in the handler; attributing also needs PermAccountEdit.
		{"GET", "/aktivitas/tanpa-pemilik", signedIn, auth.PermActivityView, s.unattributedList},
		{"GET", "/aktivitas/tanpa-pemilik/kaitkan", signedIn, auth.PermReviewDecide, s.groupAttributeForm},
		{"POST", "/aktivitas/tanpa-pemilik/kaitkan", signedIn, auth.PermReviewDecide, s.groupAttributeSubmit},
		{"GET", "/deteksi/{id}/kaitkan", signedIn, auth.PermReviewDecide, s.activityAttributeForm},
		{"POST", "/deteksi/{id}/kaitkan", signedIn, auth.PermReviewDecide, s.activityAttributeSubmit},

		// Elections and lexicon the instansi screens with (handlers_elections*.go).
		{"GET", "/pemilihan", signedIn, auth.PermActivityView, s.electionsShow},
		{"GET", "/pemilihan/riwayat", signedIn, auth.PermActivityView, s.electionsHistory},
		{"GET", "/pemilihan/ekspor", signedIn, auth.PermActivityView, s.electionsExport},
		{"POST", "/pemilihan/tambah", signedIn, auth.PermElectionsManage, s.electionsAdd},
		{"POST", "/pemilihan/hapus", signedIn, auth.PermElectionsManage, s.electionsRemove},
		{"POST", "/pemilihan/istilah", signedIn, auth.PermElectionsManage, s.electionsTerms},
		{"POST", "/pemilihan/unggah", signedIn, auth.PermElectionsManage, s.electionsUpload},
		{"POST", "/pemilihan/saring-ulang", signedIn, auth.PermElectionsManage, s.electionsRescreen},

		// Public reports: the public form and status page, no sign-in (handlers_report_public.go),
		// and the staff side (handlers_report_staff.go).
		{"GET", "/lapor", anonymous, "", s.reportForm},
		{"POST", "/lapor", anonymous, "", s.reportSubmit},
		{"GET", "/lapor/status", anonymous, "", s.reportStatusForm},
		{"POST", "/lapor/status", anonymous, "", s.reportStatusSubmit},
		{"POST", "/lapor/status/balas", anonymous, "", s.reportReply},
		{"POST", "/lapor/status/bukti", anonymous, "", s.reportAddEvidence},
		{"GET", "/laporan", signedIn, auth.PermReportsView, s.reportList},
		{"GET", "/laporan/{id}", signedIn, auth.PermReportsView, s.reportShow},
		{"GET", "/laporan/{id}/bukti/{eid}", signedIn, auth.PermReportsView, s.reportEvidence},
		{"GET", "/laporan/{id}/bukti/{eid}/asli", signedIn, auth.PermReporterReveal, s.reportEvidenceOriginal},
		{"POST", "/laporan/{id}/pesan", signedIn, auth.PermReportsHandle, s.reportMessage},
		{"POST", "/laporan/{id}/tangkap", signedIn, auth.PermReportsHandle, s.reportCapture},
		{"POST", "/laporan/{id}/ungkap", signedIn, auth.PermReporterReveal, s.reportReveal},

		// Case handling (handlers_case.go): which step each role may take in which state is decided by
		// the transition table of internal/cases, and the conflict-of-interest rule there refuses
		// anyone from the accused's unit or above it (403 with a message).
		{"GET", "/perkara", signedIn, auth.PermCasesView, s.caseList},
		{"GET", "/perkara/baru", signedIn, auth.PermCasesHandle, s.caseNew},
		{"POST", "/perkara/baru", signedIn, auth.PermCasesHandle, s.caseCreate},
		{"GET", "/perkara/{id}", signedIn, auth.PermCasesView, s.caseShow},
		{"POST", "/perkara/{id}/langkah", signedIn, auth.PermCasesHandle, s.caseStep},
		{"POST", "/perkara/{id}/putusan", signedIn, auth.PermCasesDecide, s.caseDecide},
		{"POST", "/perkara/{id}/tugaskan", signedIn, auth.PermCasesAssign, s.caseAssign},
		{"POST", "/perkara/{id}/identitas", signedIn, auth.PermCasesHandle, s.caseIdentify},
		{"POST", "/perkara/{id}/catatan", signedIn, auth.PermCasesHandle, s.caseNote},
		{"POST", "/perkara/{id}/sumber", signedIn, auth.PermCasesHandle, s.caseSource},
		{"POST", "/perkara/{id}/panggilan", signedIn, auth.PermCasesHandle, s.caseSummons},
		{"POST", "/perkara/{id}/panggilan/{sid}/ba", signedIn, auth.PermCasesHandle, s.caseMinutes},
		{"POST", "/perkara/{id}/gabung", signedIn, auth.PermCasesAssign, s.caseMerge},
		{"GET", "/rujukan/{id}", signedIn, auth.PermReferredCases, s.caseReferredShow},
		{"POST", "/rujukan/{id}/rekomendasi", signedIn, auth.PermReferredCases, s.caseRecommend},
		{"GET", "/perkara/{id}/dokumen/{doc}", signedIn, auth.PermCasesView, s.caseDocument},             // handlers_case_docs.go
		{"GET", "/perkara/{id}/paket.zip", signedIn, auth.PermCasesHandle, s.casePackage},                // handlers_case_docs.go
		{"GET", "/rujukan/{id}/dokumen/{doc}", signedIn, auth.PermReferredCases, s.caseReferredDocument}, // handlers_case_docs.go

		// Files attached to a case (handlers_case_files.go): upload by the team, downloads audited.
		{"POST", caseFileUploadPattern, signedIn, auth.PermCasesHandle, s.caseFileUpload},
		{"GET", "/perkara/{id}/berkas/{fid}", signedIn, auth.PermCasesView, s.caseFileDownload},
		{"GET", "/rujukan/{id}/berkas/{fid}", signedIn, auth.PermReferredCases, s.caseReferredFileDownload},

		// Every /api/v1 route is described in apiDocs (openapi.go); a test checks both agree.
		{"GET", "/api/v1/me", apiToken, "", s.apiMe},
		{"GET", "/api/v1/employees", apiToken, auth.PermRegistryView, s.apiEmployees},
		{"GET", "/api/v1/employees/{id}", apiToken, auth.PermRegistryView, s.apiEmployee},
		{"GET", "/api/v1/opd", apiToken, auth.PermRegistryView, s.apiOPDs},
		{"GET", "/api/v1/activities", apiToken, auth.PermActivityView, s.apiActivities},
		{"POST", "/api/v1/activities", apiToken, auth.PermActivityIngest, s.apiActivitiesPost},
		{"GET", "/api/v1/activities/{id}", apiToken, auth.PermActivityView, s.apiActivity},
		{"GET", "/api/v1/public/challenge", anonymous, "", s.apiChallenge},
		{"POST", "/api/v1/public/reports", anonymous, "", s.apiReportCreate},
		{"GET", "/api/v1/public/reports/{receipt}", anonymous, "", s.apiReportGet},
		{"POST", "/api/v1/public/reports/{receipt}/messages", anonymous, "", s.apiReportReply},
		{"GET", "/api/v1/activities/unattributed", apiToken, auth.PermActivityView, s.apiUnattributed},
		{"POST", "/api/v1/activities/attribute", apiToken, auth.PermReviewDecide, s.apiAttribute},
		{"GET", "/api/v1/elections", apiToken, auth.PermActivityView, s.apiElections},
		{"GET", "/api/v1/elections/versions", apiToken, auth.PermActivityView, s.apiElectionVersions},
		{"GET", "/api/v1/cases", apiToken, auth.PermCasesView, s.apiCases},     // handlers_case_api.go
		{"GET", "/api/v1/cases/{id}", apiToken, auth.PermCasesView, s.apiCase}, // handlers_case_api.go
	}
}

// Handler returns the server's HTTP handler with every route registered
// behind the middleware that enforces its access.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range s.routes() {
		mux.Handle(rt.method+" "+rt.pattern, s.wrap(rt))
	}
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		s.renderError(w, r, nil, errNotFound)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.renderError(w, r, s.anonCtx(r), errNotFound)
	})
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.renderError(w, r, s.anonCtx(r), errForbiddenCSRF)
	}))
	return s.recoverer(s.observe(securityHeaders(cop.Handler(mux))))
}
