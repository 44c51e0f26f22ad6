package weblogin

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html/template"
	"image/png"

	"github.com/boombuler/barcode"
	"github.com/boombuler/barcode/qr"
)

// qrSize is the QR code's side in pixels: large enough for a phone camera
// at arm's length, small enough for a data: URI of a few KiB.
const qrSize = 240

// qrDataURI draws an otpauth URI as a QR code, as a PNG data: URI for an
// img element. It is made on the server, so the secret never leaves the
// page for a third-party QR service.
func qrDataURI(uri string) (template.URL, error) {
	code, err := qr.Encode(uri, qr.M, qr.Auto)
	if err != nil {
		return "", fmt.Errorf("weblogin: QR code: %w", err)
	}
	code, err = barcode.Scale(code, qrSize, qrSize)
	if err != nil {
		return "", fmt.Errorf("weblogin: QR code: %w", err)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, code); err != nil {
		return "", fmt.Errorf("weblogin: QR code: %w", err)
	}
	// template.URL: a data: URI that this package built, not user input.
	return template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes())), nil
}
