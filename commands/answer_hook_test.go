package commands

import "context"

// AnswerQuestion is answer, in the asker's language, for the tests of
// package commands_test, which build questions as readQuestion would.
func (c *Core) AnswerQuestion(ctx context.Context, req Request, q *Question) Reply {
	return c.answer(ctx, c.Loc(req.UserID), req, q)
}
