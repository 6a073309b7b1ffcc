"""Programme pages: thin views over the access helpers, forms, services and selectors."""
