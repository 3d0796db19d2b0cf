"""The bundle's entry point: the same `ccm-desktop` command as the installed package."""

from ccm_desktop.cli import main

if __name__ == "__main__":
    main()
