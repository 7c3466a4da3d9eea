package main

import "embed"

// demoSite is a small Hugo site written for Gazette: the content a new install starts with.
//
//go:embed all:demo
var demoSite embed.FS
