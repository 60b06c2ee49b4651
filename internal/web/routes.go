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
		{"GET", "/rujukan", signedIn, auth.PermReferredCases, s.referred},

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

		// Review inbox (deteksi dini).
		{"GET", "/deteksi", signedIn, auth.PermActivityView, s.reviewInbox},
		{"GET", "/deteksi/alasan", signedIn, auth.PermActivityView, s.reviewReasons},
		{"POST", "/deteksi/pengecualian", signedIn, auth.PermInstansiAdmin, s.exceptionAdd},
		{"POST", "/deteksi/pengecualian/{xid}/status", signedIn, auth.PermInstansiAdmin, s.exceptionStatus},
		{"GET", "/deteksi/{id}", signedIn, auth.PermActivityView, s.reviewShow},
		{"POST", "/deteksi/{id}/keputusan", signedIn, auth.PermReviewDecide, s.reviewDecide},
		{"POST", "/deteksi/{id}/tugaskan", signedIn, auth.PermReviewDecide, s.reviewAssign},

		// Every /api/v1 route is described in apiDocs (openapi.go); a test checks both agree.
		{"GET", "/api/v1/me", apiToken, "", s.apiMe},
		{"GET", "/api/v1/employees", apiToken, auth.PermRegistryView, s.apiEmployees},
		{"GET", "/api/v1/employees/{id}", apiToken, auth.PermRegistryView, s.apiEmployee},
		{"GET", "/api/v1/opd", apiToken, auth.PermRegistryView, s.apiOPDs},
		{"GET", "/api/v1/activities", apiToken, auth.PermActivityView, s.apiActivities},
		{"POST", "/api/v1/activities", apiToken, auth.PermActivityIngest, s.apiActivitiesPost},
		{"GET", "/api/v1/activities/{id}", apiToken, auth.PermActivityView, s.apiActivity},
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
