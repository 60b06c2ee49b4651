package web

import "net/http"

// Registry pages not built yet (each returns 501 until implemented).

func notYet(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	http.Error(w, "not implemented yet", http.StatusNotImplemented)
	return nil
}

func (s *Server) opdList(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	return notYet(w, r, c)
}
func (s *Server) opdSave(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	return notYet(w, r, c)
}
func (s *Server) employeeList(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	return notYet(w, r, c)
}
func (s *Server) employeeNew(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	return notYet(w, r, c)
}
func (s *Server) employeeCreate(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	return notYet(w, r, c)
}
func (s *Server) employeeShow(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	return notYet(w, r, c)
}
func (s *Server) employeeEdit(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	return notYet(w, r, c)
}
func (s *Server) employeeUpdate(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	return notYet(w, r, c)
}
func (s *Server) accountAdd(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	return notYet(w, r, c)
}
func (s *Server) accountDelete(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	return notYet(w, r, c)
}
func (s *Server) importForm(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	return notYet(w, r, c)
}
func (s *Server) importSubmit(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	return notYet(w, r, c)
}
func (s *Server) exportRoster(w http.ResponseWriter, r *http.Request, c *reqCtx) error {
	return notYet(w, r, c)
}
