"""ccm-desktop: Article 7 transparency reports under the Convention on Cluster Munitions."""

__version__ = "0.1.0"
