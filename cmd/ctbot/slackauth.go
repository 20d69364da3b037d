package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"

	"github.com/slack-go/slack"

	"github.com/cttechplus/ctbot/bot"
)

// authFailed says why auth.test, the first call to Slack, failed: Slack
// refused the token, Slack answered with a server error, or Slack could
// not be reached at all (the network, DNS, a proxy or a firewall), so that
// an operator looks in the right place.
func authFailed(apiURL string, err error) error {
	var refused slack.SlackErrorResponse
	var status slack.StatusCodeError
	var netErr net.Error
	var urlErr *url.Error
	if apiURL == "" {
		apiURL = slack.APIURL
	}
	switch {
	case errors.As(err, &refused):
		return fmt.Errorf("auth.test: Slack refused %s (%s); check the token and that the app is installed", bot.EnvBotToken, refused.Err)
	case errors.As(err, &status):
		return fmt.Errorf("auth.test: Slack answered %s: Slack may be down (https://slack-status.com); try again later", status.Status)
	case errors.As(err, &urlErr), errors.As(err, &netErr), errors.Is(err, context.DeadlineExceeded):
		if urlErr != nil {
			err = urlErr.Err // without the URL, which the message names
		}
		return fmt.Errorf("auth.test: cannot reach Slack at %s: the network failed (%v); check the network, DNS, the proxy (HTTPS_PROXY) and the firewall", apiURL, err)
	}
	return fmt.Errorf("auth.test failed: %w", err)
}
