package web

import "net/http"

// Admin pages and API routes not built yet (each returns 501 until implemented).

func (s *Server) userList(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	return notYet(w, r, c)
}
func (s *Server) userCreate(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	return notYet(w, r, c)
}
func (s *Server) userDisable(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	return notYet(w, r, c)
}
func (s *Server) auditList(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	return notYet(w, r, c)
}
func (s *Server) apiMe(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	return notYet(w, r, c)
}
func (s *Server) apiEmployees(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	return notYet(w, r, c)
}
func (s *Server) apiEmployee(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	return notYet(w, r, c)
}
func (s *Server) apiOPDs(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	return notYet(w, r, c)
}
func (s *Server) openapi(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	return notYet(w, r, c)
}
