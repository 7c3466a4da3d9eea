package handlers

import (
	"net/http"
	"strconv"

	"gazette/data"
	"gazette/views"
)

// audit notes what the signed-in editor did (for a failed sign-in, nobody is: the actor is the
// email typed). The action already happened, so a failed write is logged, not shown.
func (dk *desk) audit(r *http.Request, action, target, detail string) {
	e := data.Editor{Email: target}
	if sess, ok := sessionFrom(r.Context()); ok {
		e = sess.Editor
	}
	dk.auditAs(r, e, action, target, detail)
}

// auditAs notes an action of the given editor.
func (dk *desk) auditAs(r *http.Request, e data.Editor, action, target, detail string) {
	if err := dk.store.AddAudit(r.Context(), data.AuditEntry{EditorID: e.ID, Actor: e.Email, Action: action,
		Target: target, Detail: detail, IP: clientIP(r)}); err != nil {
		dk.log.Error("audit log", "action", action, "err", err)
	}
}

// handleAuditLog lists the audit log for admins, filtered by action, editor and address.
func handleAuditLog(dk *desk) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		page, _ := strconv.Atoi(q.Get("page"))
		page = max(page, 1)
		f := data.AuditFilter{Action: q.Get("action"), Actor: q.Get("actor"), IP: q.Get("ip"), Limit: 100, Offset: (page - 1) * 100}
		list, err := dk.store.AuditEntries(r.Context(), f)
		if err != nil {
			dk.deskError(w, r, err)
			return
		}
		v := views.AuditPage{AdminPage: dk.page(r, "Audit log", "audit"), Entries: list, Actions: data.AuditActions,
			Action: f.Action, Actor: f.Actor, IP: f.IP, Page: page, More: len(list) == f.Limit}
		dk.renderDesk(w, r, http.StatusOK, views.AdminAudit(v))
	})
}
