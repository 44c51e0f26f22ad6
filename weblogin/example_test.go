package weblogin_test

import (
	"crypto/rand"
	"fmt"
	"io"
	"net/http/httptest"
	"regexp"

	"github.com/gocognito/gocognito/account"
	"github.com/gocognito/gocognito/engine"
	"github.com/gocognito/gocognito/fakecognito"
	"github.com/gocognito/gocognito/tokens"
	"github.com/gocognito/gocognito/transport"
	"github.com/gocognito/gocognito/weblogin"
)

// A login handler for an app client, mounted under /auth/. Over real
// Cognito, Transport is awssdk.New(cfg), the Verifier is
// tokens.NewVerifier(issuer, clientID), and the keys come from the
// application's secret store, shared by every instance.
func ExampleNew() {
	fake := fakecognito.New(fakecognito.Options{})
	pool := fake.MustCreatePool(transport.CreateUserPoolInput{PoolName: "example"})
	client := fake.MustCreateClient(transport.CreateUserPoolClientInput{UserPoolID: pool.ID,
		ClientSettings: transport.ClientSettings{ClientName: "web"}})
	jwks, _ := fake.JWKS(pool.ID)
	keys, _ := tokens.NewStaticKeySet(jwks)
	verifier := &tokens.Verifier{Issuer: fake.Issuer(pool.ID), ClientID: client.ClientID, Keys: keys}

	key := make([]byte, 32)
	_, _ = rand.Read(key)
	h, err := weblogin.New(weblogin.Options{
		Engine:   engine.Config{PoolID: pool.ID, ClientID: client.ClientID, Transport: fake},
		Account:  &account.Client{Transport: fake, ClientID: client.ClientID, Verifier: verifier},
		Verifier: verifier,
		Keys:     [][]byte{key},
		Path:     "/auth/",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/auth/", nil))
	body, _ := io.ReadAll(rec.Body)
	fmt.Println(rec.Code, regexp.MustCompile(`data-screen="[a-z_]+"`).FindString(string(body)))
	fmt.Println(regexp.MustCompile(`<form method="post" action="[^"]+"`).FindString(string(body)))
	// Output:
	// 200 data-screen="start"
	// <form method="post" action="/auth/login"
}
