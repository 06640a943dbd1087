"""What the tests, bench/ and scripts/ share: paths, servers, Chromium, data folders, fakes."""
