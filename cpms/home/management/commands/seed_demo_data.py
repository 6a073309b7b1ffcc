from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from cpms.accounts.demo import seed_demo_accounts
from cpms.accounts.models import User
from cpms.care.demo import seed_demo_care
from cpms.cases.demo import seed_demo_cases
from cpms.children.demo import seed_demo_children
from cpms.directives.demo import seed_demo_directives
from cpms.geography.demo import seed_demo_geography
from cpms.privacy.demo import seed_demo_privacy
from cpms.programmes.demo import seed_demo_programmes
from cpms.referrals.demo import seed_demo_referrals
from cpms.reports.demo import seed_demo_reports


class Command(BaseCommand):
    help = "Load the Quảng Ngãi demo data (idempotent: running it again changes nothing)."

    def handle(self, *args: Any, **options: Any) -> None:
        geo = seed_demo_geography()
        users = seed_demo_accounts(geo)
        worker = User.objects.get(username="canbo.nghialo")
        children = seed_demo_children(geo, worker=worker)
        seed_demo_cases(geo)
        seed_demo_care(geo)
        seed_demo_referrals()
        seed_demo_programmes(geo)
        seed_demo_directives(geo)
        seed_demo_privacy()
        seed_demo_reports(geo)
        self.stdout.write(f"Demo data ready: {len(users)} demo users, {children} new children.")
