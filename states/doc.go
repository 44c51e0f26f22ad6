// Package states names the states of a Cognito User Pools login, the events
// that move it between them, and what the caller must supply in each state.
//
// The transition table (Table) is the single source of truth of what may
// follow what; it is a looplab/fsm table, so a machine can be built in any
// state (NewMachine) and the diagram in docs/states.md is generated from it
// (Diagram). A challenge that Cognito sends and the table does not allow in the
// current state is an error (a *TransitionError naming both). looplab/fsm,
// over that table, is the one place that decides: Fire moves a machine and
// translates the fsm's refusal, Check asks the machine before a move, and
// Next asks a fresh machine.
//
// Need is a sealed sum a user interface switches on to pick a screen:
// NeedNothing for steps the engine runs by itself, NeedPassword,
// NeedMFACode, NeedNewPassword, NeedMFAChoice, NeedMFASetupChoice,
// NeedTOTPSetup, NeedEmailSetup and NeedCustomAnswer, and for choice-based
// sign-in (USER_AUTH) NeedFirstFactorChoice, NeedSignInCode and NeedPasskey.
// NeedFor derives it from a state and the challenge parameters Cognito sent.
//
// The package is for UIs and for the engine package that drives logins; it
// does no I/O, holds no secrets beyond what a Need shows a user, and imports
// nothing of this module, so a UI can depend on it alone. It does not talk to
// Cognito, compute SRP or decide which challenge comes next: Cognito does, and
// package engine answers it.
package states
